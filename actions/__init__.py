"""Thin rasa_sdk actions: each reads the tracker, calls one function of bot/, returns events."""
