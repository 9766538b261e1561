"""Dialogue decisions as plain functions: what to ask next, how to fold answers into the
findings, and which responses make up an assessment. The rasa_sdk actions only call these."""
