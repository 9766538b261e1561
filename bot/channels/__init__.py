"""Channels the project adds to Rasa: the web chat page (and, later, Slack and Telegram)."""
