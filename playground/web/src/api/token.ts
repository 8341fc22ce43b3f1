// Where the session token lives: localStorage when "Remember me" was ticked (it
// survives the browser closing), else sessionStorage (this tab only).
const KEY = "gql-invoke.token";

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback; // storage disabled (privacy mode): the session lasts this page
  }
}

let memory: string | null = null;

export function storedToken(): string | null {
  return memory ?? safe(() => sessionStorage.getItem(KEY) ?? localStorage.getItem(KEY), null);
}

export function saveToken(token: string, remember: boolean): void {
  memory = token;
  safe(() => {
    (remember ? localStorage : sessionStorage).setItem(KEY, token);
    (remember ? sessionStorage : localStorage).removeItem(KEY);
  }, undefined);
}

export function clearToken(): void {
  memory = null;
  safe(() => {
    sessionStorage.removeItem(KEY);
    localStorage.removeItem(KEY);
  }, undefined);
}
