"""Triage: red flags, cause ranking and tips, as pure functions of findings and the store."""
