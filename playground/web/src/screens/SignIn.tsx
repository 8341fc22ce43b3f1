// Sign-in for multi-user servers.
import { useState } from "preact/hooks";
import { request } from "../api/http";
import { LoginMutation } from "../api/ops";
import { signedIn } from "../app/session";
import { ErrorMessage, Field, Notice, useCountdown } from "../components/ui";

export function SignInScreen(props: { notice: string | null }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [remember, setRemember] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const wait = useCountdown(error);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy || wait > 0) return;
    setBusy(true);
    setError(null);
    try {
      const { login } = await request(LoginMutation, {
        input: { email: email.trim(), password, rememberMe: remember },
      });
      signedIn(login.token, remember, login.user);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <main class="auth-page">
      <form class="card auth-card" onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">Sign in</h1>
        {props.notice && !error ? <Notice tone="warn">{props.notice}</Notice> : null}
        <Field label="Email">
          {(id) => (
            <input id={id} type="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
          )}
        </Field>
        <Field label="Password">
          {(id) => (
            <input
              id={id}
              type="password"
              autocomplete="current-password"
              required
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          )}
        </Field>
        <div class="check">
          <input id="remember-me" type="checkbox" checked={remember} onChange={(e) => setRemember(e.currentTarget.checked)} />
          <label for="remember-me">Remember me</label>
        </div>
        <ErrorMessage error={error} secondsLeft={wait} />
        <button type="submit" class="primary" disabled={busy || wait > 0}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
