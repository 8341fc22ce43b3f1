"""Image generation: pipelines, queueing and output storage."""
