// Queries and mutations over fetch (POST /graphql, JSON). Subscriptions: ws.ts.
import type { TypedDocumentString } from "../gql/graphql";
import { httpEndpoint } from "./endpoint";
import { ApiError, type GraphQLErrorLike } from "./errors";
import { storedToken } from "./token";

/** Operations without variables may leave them out. */
type VarArgs<V> = [V] extends [Record<string, never>] ? [] | [V] : [V];

let sessionEnded: (message: string) => void = () => {};

/** Called when a request made with a token is refused as UNAUTHENTICATED. */
export function onSessionEnded(handler: (message: string) => void): void {
  sessionEnded = handler;
}

export function endSession(message: string): void {
  sessionEnded(message);
}

export function authHeader(): Record<string, string> {
  const token = storedToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** Runs one operation; resolves to its data or rejects with an ApiError. */
export async function request<R, V>(
  document: TypedDocumentString<R, V>,
  ...[variables]: VarArgs<V>
): Promise<R> {
  const headers = { "Content-Type": "application/json", Accept: "application/json", ...authHeader() };
  let response: Response;
  try {
    response = await fetch(httpEndpoint(), {
      method: "POST",
      headers,
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
    });
  } catch {
    throw new ApiError("NETWORK", "network error");
  }
  let body: { data?: R | null; errors?: GraphQLErrorLike[] };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(response.status >= 500 ? "INTERNAL" : "NETWORK", `HTTP ${response.status}`);
  }
  const first = body.errors?.[0];
  if (first) {
    const error = ApiError.from(first);
    if (error.code === "UNAUTHENTICATED" && "Authorization" in headers) {
      sessionEnded(error.message);
    }
    throw error;
  }
  if (body.data == null) throw new ApiError("INTERNAL", "empty response");
  return body.data;
}
