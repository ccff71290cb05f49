"""Places, organisations, internal units, bodies, people and enterprises."""
