// Who is signed in, and what the page shows before the app: setup, sign-in, or the app.
import { describe, ApiError } from "../api/errors";
import { endSession, onSessionEnded, request } from "../api/http";
import { LogoutEverywhereMutation, LogoutMutation, MeQuery, SetupStatusQuery } from "../api/ops";
import { clearToken, saveToken, storedToken } from "../api/token";
import { resetSocket } from "../api/ws";
import { store } from "./store";

export interface Viewer {
  id: string;
  displayName: string;
  email: string;
  isAdmin: boolean;
}

export type Phase =
  | { kind: "loading" }
  | { kind: "unreachable"; message: string }
  | { kind: "setup"; policy: string }
  | { kind: "signin"; policy: string; notice: string | null }
  | { kind: "app"; viewer: Viewer; multiuser: boolean };

export const phase$ = store<Phase>({ kind: "loading" });
let policy = "";

/** setupStatus.passwordPolicy, as read at start. */
export function passwordPolicy(): string {
  return policy;
}
const stopHooks = new Set<() => void>();

/** Work to undo when the session ends (live streams, caches). */
export function onSignOut(hook: () => void): () => void {
  stopHooks.add(hook);
  return () => stopHooks.delete(hook);
}

function leave(notice: string | null): void {
  clearToken();
  resetSocket();
  for (const hook of [...stopHooks]) hook();
  phase$.set({ kind: "signin", policy, notice });
}

/** Why the server ended a session, as the sign-in page says it. */
function endedNotice(reason: string): string {
  const r = reason.toLowerCase();
  if (r.includes("disabled")) return "Your account has been disabled, so you were signed out.";
  if (r.includes("expired")) return "Your session expired. Sign in again.";
  // Deactivation, a password change and secret rotation all look the same from here.
  return "Your session has ended: signed out elsewhere, your password or account was changed, or the server's keys were rotated. Sign in again.";
}

onSessionEnded((reason) => {
  if (phase$.get().kind === "app") leave(endedNotice(reason));
});

export async function boot(): Promise<void> {
  try {
    // Both at once: one round trip before the first screen in single-user mode.
    const meAnswer = request(MeQuery);
    meAnswer.catch(() => {}); // multi-user without a token: expected to fail
    const { setupStatus } = await request(SetupStatusQuery);
    policy = setupStatus.passwordPolicy;
    if (!setupStatus.multiuserEnabled) {
      const { me } = await meAnswer;
      phase$.set({ kind: "app", viewer: me, multiuser: false });
      return;
    }
    if (setupStatus.setupRequired) {
      clearToken();
      phase$.set({ kind: "setup", policy });
      return;
    }
    if (!storedToken()) {
      phase$.set({ kind: "signin", policy, notice: null });
      return;
    }
    try {
      const { me } = await meAnswer;
      phase$.set({ kind: "app", viewer: me, multiuser: true });
    } catch (error) {
      if (error instanceof ApiError && error.code === "UNAUTHENTICATED") {
        leave(endedNotice(error.message));
        return;
      }
      throw error;
    }
  } catch (error) {
    phase$.set({ kind: "unreachable", message: describe(error) });
  }
}

export function signedIn(token: string, remember: boolean, viewer: Viewer): void {
  saveToken(token, remember);
  resetSocket();
  phase$.set({ kind: "app", viewer, multiuser: true });
}

export async function signOut(everywhere: boolean): Promise<void> {
  try {
    await (everywhere ? request(LogoutEverywhereMutation) : request(LogoutMutation));
  } catch {
    // Already ended server-side, or offline: forget the token either way.
  }
  leave(everywhere ? "You were signed out on every device." : "You are signed out.");
}

export { endSession };

/** Multi-user: notice a session ended elsewhere even on a quiet page (when the tab
 * comes back into view, and once a minute); streams notice it on their own. */
export function watchSession(): () => void {
  const check = () => {
    if (document.visibilityState === "visible") request(MeQuery).catch(() => {});
  };
  const timer = setInterval(check, 60_000);
  document.addEventListener("visibilitychange", check);
  return () => {
    clearInterval(timer);
    document.removeEventListener("visibilitychange", check);
  };
}
