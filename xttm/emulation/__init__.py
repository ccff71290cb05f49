"""Emulation and commendation: movements, scoring, the eligibility engine, councils, decisions."""
