"""gql-invoke: a self-hosted, multi-user image generation server with a GraphQL API."""

__version__ = "0.1.0"
