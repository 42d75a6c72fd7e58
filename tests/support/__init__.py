"""Test support: a fake Telegram Bot API server checked against the official specification."""
