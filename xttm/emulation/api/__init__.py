"""REST API of the emulation app."""
