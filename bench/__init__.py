"""XTTM's benchmark suite: each scenario timed against a reference in the same run (`python -m bench`)."""
