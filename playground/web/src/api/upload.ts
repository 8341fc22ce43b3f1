// uploadImage over the GraphQL multipart request spec (the mask painted in the browser).
// A plain document, not a codegen one: uploadImage is the upload part's mutation.
import { authHeader } from "./http";
import { ApiError, type GraphQLErrorLike } from "./errors";

const UPLOAD = "mutation Upload($file: Upload!) { uploadImage(file: $file) { id url } }";

export async function uploadPng(blob: Blob, name: string): Promise<{ id: string; url: string }> {
  const body = new FormData();
  body.append("operations", JSON.stringify({ query: UPLOAD, variables: { file: null } }));
  body.append("map", JSON.stringify({ "0": ["variables.file"] }));
  body.append("0", blob, name);
  let response: Response;
  try {
    // GraphQL-Preflight: a non-simple header, so the browser cannot send this cross-site.
    response = await fetch("/graphql", { method: "POST", body, headers: { "GraphQL-Preflight": "1", ...authHeader() } });
  } catch {
    throw new ApiError("NETWORK", "network error");
  }
  let parsed: { data?: { uploadImage?: { id: string; url: string } } | null; errors?: GraphQLErrorLike[] };
  try {
    parsed = await response.json();
  } catch {
    throw new ApiError(response.status >= 500 ? "INTERNAL" : "NETWORK", `HTTP ${response.status}`);
  }
  const first = parsed.errors?.[0];
  if (first) throw ApiError.from(first);
  if (!parsed.data?.uploadImage) throw new ApiError("INTERNAL", "empty response");
  return parsed.data.uploadImage;
}
