"""Dashboards and period reports over the programme and emulation data."""
