// Where the GraphQL API is: public_url's /graphql when the server names one (a meta tag
// it adds to the page, e.g. behind a proxy), else this page's own origin.

function publicEndpoint(): string | null {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="gql-invoke-endpoint"]');
  return meta?.content ? meta.content : null;
}

/** The URL for queries and mutations (fetch). */
export function httpEndpoint(): string {
  return publicEndpoint() ?? "/graphql";
}

/** The URL for the graphql-transport-ws websocket. */
export function wsEndpoint(): string {
  const configured = publicEndpoint();
  if (configured) return configured.replace(/^http/, "ws");
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/graphql`;
}
