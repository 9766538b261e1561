"""Small helpers for the Makefile and tests."""
