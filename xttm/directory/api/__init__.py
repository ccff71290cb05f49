"""REST API of the directory."""
