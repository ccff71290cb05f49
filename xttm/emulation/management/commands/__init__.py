"""Management commands of the emulation app (`xttm eligibility`…)."""
