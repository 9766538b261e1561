"""Legbot core: understanding, knowledge and triage as plain Python (no Rasa imports here)."""

__version__ = "0.1.0"
