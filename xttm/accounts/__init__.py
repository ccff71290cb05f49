"""Users, roles, second factor and API tokens."""
