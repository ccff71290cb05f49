"""XTTM: management system of the Trade Promotion Agency."""
