// One graphql-ws connection per page for every subscription. It reconnects on its
// own; each subscription's variables are read again at every (re)subscribe, so a
// queue stream resumes with `since` the last cursor it saw.
import { type Client, createClient } from "graphql-ws";
import type { TypedDocumentString } from "../gql/graphql";
import { wsEndpoint } from "./endpoint";
import { ApiError, type GraphQLErrorLike } from "./errors";
import { endSession } from "./http";
import { storedToken } from "./token";

export type Connection = "connecting" | "online" | "offline";

let client: Client | null = null;
let state: Connection = "connecting";
const listeners = new Set<(c: Connection, reconnected: boolean) => void>();
let everConnected = false;

function setState(next: Connection, reconnected = false): void {
  state = next;
  for (const l of listeners) l(next, reconnected);
}

export function connectionState(): Connection {
  return state;
}

export function onConnection(listener: (c: Connection, reconnected: boolean) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function socket(): Client {
  if (client) return client;
  client = createClient({
    url: wsEndpoint(),
    lazy: true,
    lazyCloseTimeout: 2000,
    keepAlive: 20_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    // 1 s, 2 s, 4 s ... capped at 15 s, with jitter.
    retryWait: async (retries) =>
      new Promise((r) => setTimeout(r, Math.min(15_000, 1000 * 2 ** retries) * (0.75 + Math.random() / 2))),
    shouldRetry: (event) => {
      const code = (event as CloseEvent | undefined)?.code;
      return code !== 4401 && code !== 4403;
    },
    connectionParams: () => {
      const token = storedToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    on: {
      connecting: () => setState(state === "online" ? "offline" : state),
      connected: () => {
        const reconnected = everConnected;
        everConnected = true;
        setState("online", reconnected);
      },
      closed: (event) => {
        const close = event as CloseEvent | undefined;
        if (close?.code === 4401) endSession(close.reason || "session has ended");
        if (state === "online") setState("offline");
      },
    },
  });
  return client;
}

/** Drops the socket (sign-out): the next subscription opens a new one with the new token. */
export function resetSocket(): void {
  const old = client;
  client = null;
  everConnected = false;
  state = "connecting";
  void old?.dispose();
}

export interface Sink<R> {
  next(data: R): void;
  /** The stream ended with an error (UNAUTHENTICATED already ended the session). */
  error?(error: ApiError): void;
  /** The server ended the stream. */
  complete?(): void;
}

export function subscribe<R, V>(
  document: TypedDocumentString<R, V>,
  variables: V,
  sink: Sink<R>,
): () => void {
  const fail = (error: ApiError) => {
    if (error.code === "UNAUTHENTICATED" && storedToken()) endSession(error.message);
    sink.error?.(error);
  };
  return socket().subscribe<R>(
    { query: document.toString(), variables: variables as Record<string, unknown> },
    {
      next: (result) => {
        const first = (result.errors as GraphQLErrorLike[] | undefined)?.[0];
        if (first) fail(ApiError.from(first));
        else if (result.data) sink.next(result.data as R);
      },
      error: (err) => {
        if (Array.isArray(err) && err[0]) fail(ApiError.from(err[0] as GraphQLErrorLike));
        else if (err && typeof err === "object" && "code" in err) {
          const close = err as CloseEvent;
          fail(new ApiError(close.code === 4401 ? "UNAUTHENTICATED" : "NETWORK", close.reason || "closed"));
        } else fail(new ApiError("NETWORK", "subscription failed"));
      },
      complete: () => sink.complete?.(),
    },
  );
}
