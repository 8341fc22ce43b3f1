"""Authentication and authorisation helpers."""
