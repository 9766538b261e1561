"""Scoring against the evaluation sets in tests/eval (measurement only, never training)."""
