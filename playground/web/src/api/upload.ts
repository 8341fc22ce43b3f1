// uploadImage as a GraphQL multipart request (the one operation that is not JSON). The
// GraphQL-Preflight header is required by the server: a cross-site form cannot send it.
import { graphql } from "../gql";
import type { UploadImageMutation as Result } from "../gql/graphql";
import { httpEndpoint } from "./endpoint";
import { ApiError, type GraphQLErrorLike } from "./errors";
import { authHeader, endSession } from "./http";

export const UploadImageMutation = graphql(`
  mutation UploadImage($file: Upload!, $boardId: ID) {
    uploadImage(file: $file, boardId: $boardId) {
      id width height starred createdAt queueItemId url thumbnailUrl
      owner { id displayName }
      board { id name }
    }
  }
`);

export type UploadedImage = Result["uploadImage"];

/** The formats the server takes; anything else is refused before it is sent. */
export const UPLOAD_TYPES = ["image/png", "image/jpeg", "image/webp"];

export async function uploadImage(file: File, boardId: string | null): Promise<UploadedImage> {
  const body = new FormData();
  body.append("operations", JSON.stringify({ query: UploadImageMutation.toString(), variables: { file: null, boardId } }));
  body.append("map", JSON.stringify({ "0": ["variables.file"] }));
  body.append("0", file, file.name);
  const headers = { "GraphQL-Preflight": "1", Accept: "application/json", ...authHeader() };
  let response: Response;
  try {
    response = await fetch(httpEndpoint(), { method: "POST", headers, body });
  } catch {
    throw new ApiError("NETWORK", "network error");
  }
  if (response.status === 413) throw new ApiError("BAD_USER_INPUT", `${file.name} is too large to upload.`);
  let parsed: { data?: Result | null; errors?: GraphQLErrorLike[] };
  try {
    parsed = await response.json();
  } catch {
    throw new ApiError(response.status >= 500 ? "INTERNAL" : "NETWORK", `HTTP ${response.status}`);
  }
  const first = parsed.errors?.[0];
  if (first) {
    const error = ApiError.from(first);
    if (error.code === "UNAUTHENTICATED" && "Authorization" in headers) endSession(error.message);
    throw error;
  }
  if (!parsed.data) throw new ApiError("INTERNAL", "empty response");
  return parsed.data.uploadImage;
}

/** A PNG made in the browser (the painted inpainting mask), stored in Uncategorized. */
export async function uploadPng(blob: Blob, name: string): Promise<{ id: string; url: string }> {
  const image = await uploadImage(new File([blob], name, { type: "image/png" }), null);
  return { id: image.id, url: image.url };
}
