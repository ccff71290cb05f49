"""Management commands of the emulation app."""
