"""Domain services: plain async functions that take an Actor first and hold every rule."""
