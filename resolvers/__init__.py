"""Thin resolvers: read the Actor from the context, call a service, map the result."""
