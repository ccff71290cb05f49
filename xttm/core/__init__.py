"""Shared mechanics: text folding, scoping, workflow, exports and imports."""
