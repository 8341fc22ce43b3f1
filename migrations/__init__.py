"""Database migrations (aerich)."""
