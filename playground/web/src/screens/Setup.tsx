// First visit of a multi-user server with no administrator: create one.
import { useState } from "preact/hooks";
import { request } from "../api/http";
import { SetupMutation } from "../api/ops";
import { signedIn } from "../app/session";
import { ErrorMessage, Field, useCountdown } from "../components/ui";
import { PolicyChecklist, policyProblems } from "./policy";

export function SetupScreen(props: { policy: string }) {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [again, setAgain] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const wait = useCountdown(error);
  const problems = policyProblems(password);
  const mismatch = again.length > 0 && again !== password;
  const ready = email.trim() && name.trim() && problems.length === 0 && again === password;

  async function submit(event: Event) {
    event.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    setError(null);
    try {
      const { setup } = await request(SetupMutation, {
        input: { email: email.trim(), displayName: name.trim(), password },
      });
      signedIn(setup.token, false, setup.user);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <main class="auth-page">
      <form class="card auth-card" onSubmit={submit} aria-labelledby="setup-title" noValidate>
        <h1 id="setup-title">Create administrator account</h1>
        <p class="muted">This server has no administrator yet. The account you create here manages users, models and the queue.</p>
        <Field label="Email">
          {(id) => (
            <input id={id} type="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
          )}
        </Field>
        <Field label="Display name">
          {(id) => (
            <input id={id} type="text" autocomplete="name" required maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />
          )}
        </Field>
        <Field label="Password" hint={<PolicyChecklist policy={props.policy} password={password} />}>
          {(id, hint) => (
            <input
              id={id}
              type="password"
              autocomplete="new-password"
              required
              aria-describedby={hint}
              aria-invalid={password.length > 0 && problems.length > 0}
              value={password}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Confirm password" hint={mismatch ? "The two passwords are not the same." : undefined}>
          {(id, hint) => (
            <input
              id={id}
              type="password"
              autocomplete="new-password"
              required
              aria-describedby={hint}
              aria-invalid={mismatch}
              value={again}
              onInput={(e) => setAgain(e.currentTarget.value)}
            />
          )}
        </Field>
        <ErrorMessage error={error} secondsLeft={wait} />
        <button type="submit" class="primary" disabled={!ready || busy || wait > 0}>
          {busy ? "Creating…" : "Create administrator account"}
        </button>
      </form>
    </main>
  );
}
