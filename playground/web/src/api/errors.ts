// Server errors as sentences a person can act on.

export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "BAD_USER_INPUT"
  | "CONFLICT"
  | "RATE_LIMITED"
  | "INTERNAL"
  | "NETWORK";

export interface GraphQLErrorLike {
  message: string;
  extensions?: Record<string, unknown> | null;
}

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly extensions: Record<string, unknown>;
  /** RATE_LIMITED: seconds to wait, from extensions.retryAfter. */
  readonly retryAfter: number | null;
  readonly field: string | null;

  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.extensions = extensions;
    const retry = Number(extensions.retryAfter);
    this.retryAfter = Number.isFinite(retry) && retry > 0 ? Math.ceil(retry) : null;
    this.field = typeof extensions.field === "string" ? extensions.field : null;
  }

  static from(error: GraphQLErrorLike): ApiError {
    const ext = error.extensions ?? {};
    const code = typeof ext.code === "string" ? (ext.code as ErrorCode) : "INTERNAL";
    return new ApiError(code, error.message, ext);
  }
}

function sentence(text: string): string {
  const t = text.trim();
  if (!t) return "Something went wrong.";
  const first = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/** A human sentence for any error a call can end with. */
export function describe(error: unknown): string {
  if (!(error instanceof ApiError)) {
    return "Something went wrong in the page. Reload it and try again.";
  }
  const msg = error.message.toLowerCase();
  switch (error.code) {
    case "NETWORK":
      return "Cannot reach the server. Check the connection and try again.";
    case "RATE_LIMITED":
      return error.retryAfter
        ? `Too many attempts. Try again in ${error.retryAfter} seconds.`
        : sentence(error.message);
    case "UNAUTHENTICATED":
      if (msg.includes("incorrect email or password")) return "The email or password is not right.";
      if (msg.includes("disabled")) return "This account has been disabled. Ask an administrator to enable it again.";
      return "Your session has ended. Sign in again.";
    case "FORBIDDEN":
      if (msg.includes("disabled")) return "This account has been disabled. Ask an administrator to enable it again.";
      return sentence(`You are not allowed to do that: ${error.message}`);
    case "NOT_FOUND":
      return sentence(`Not found: ${error.message}`);
    case "INTERNAL":
      return "Something went wrong on the server. Try again; if it keeps happening, tell an administrator.";
    default:
      return sentence(error.message);
  }
}
