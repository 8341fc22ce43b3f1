"""The GraphQL schema: types, inputs, permissions and the composed roots."""
