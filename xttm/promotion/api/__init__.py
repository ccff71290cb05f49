"""REST API of the promotion app."""
