"""REST API of the reports app."""
