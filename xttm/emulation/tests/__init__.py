"""Tests of the emulation app."""
