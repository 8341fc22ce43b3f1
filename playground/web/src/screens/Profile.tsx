// The signed-in user's own account: display name, password, signed-in sessions, API tokens.
import { useEffect, useState } from "preact/hooks";
import { request } from "../api/http";
import {
  CreateApiTokenMutation,
  ProfilePageQuery,
  RevokeApiTokenMutation,
  RevokeSessionMutation,
  UpdateMeMutation,
} from "../api/ops";
import { phase$ } from "../app/session";
import { ErrorMessage, Field, Notice, Spinner } from "../components/ui";
import type { ProfilePageQuery as ProfileData } from "../gql/graphql";
import { PolicyChecklist, policyProblems } from "./policy";

const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : "never");
const SCOPES = ["read", "generate", "manage", "admin"] as const;

function NameForm(props: { name: string; onSaved: (name: string) => void }) {
  const [name, setName] = useState(props.name);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  return (
    <form
      class="inline-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        setSaved(false);
        try {
          const { updateMe } = await request(UpdateMeMutation, { input: { displayName: name.trim() } });
          props.onSaved(updateMe.displayName);
          setSaved(true);
        } catch (err) {
          setError(err);
        }
      }}
    >
      <Field label="Display name">
        {(id) => <input id={id} type="text" maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />}
      </Field>
      <button type="submit" disabled={!name.trim() || name.trim() === props.name}>
        Save name
      </button>
      <ErrorMessage error={error} />
      {saved ? <Notice tone="ok">Saved.</Notice> : null}
    </form>
  );
}

function PasswordForm(props: { policy: string }) {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [again, setAgain] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const ready = current && policyProblems(next).length === 0 && next === again;
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        if (!ready) return;
        setError(null);
        setDone(false);
        try {
          await request(UpdateMeMutation, { input: { currentPassword: current, newPassword: next } });
          setCurrent("");
          setNext("");
          setAgain("");
          setDone(true);
        } catch (err) {
          setError(err);
        }
      }}
    >
      <Field label="Current password">
        {(id) => <input id={id} type="password" autocomplete="current-password" value={current} onInput={(e) => setCurrent(e.currentTarget.value)} />}
      </Field>
      <Field label="New password" hint={<PolicyChecklist policy={props.policy} password={next} />}>
        {(id, hint) => (
          <input id={id} type="password" autocomplete="new-password" aria-describedby={hint} value={next} onInput={(e) => setNext(e.currentTarget.value)} />
        )}
      </Field>
      <Field label="Repeat new password" hint={again && again !== next ? "The two passwords are not the same." : undefined}>
        {(id, hint) => (
          <input id={id} type="password" autocomplete="new-password" aria-describedby={hint} value={again} onInput={(e) => setAgain(e.currentTarget.value)} />
        )}
      </Field>
      <button type="submit" disabled={!ready}>
        Change password
      </button>
      <ErrorMessage error={error} />
      {done ? <Notice tone="ok">Password changed. Your other sessions and API tokens were signed out.</Notice> : null}
    </form>
  );
}

function Tokens(props: { tokens: ProfileData["apiTokens"]; isAdmin: boolean; reload: () => void }) {
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>(["read"]);
  const [days, setDays] = useState("90");
  const [secret, setSecret] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const toggle = (s: string, on: boolean) => setScopes((list) => (on ? [...new Set([...list, s])] : list.filter((x) => x !== s)));
  return (
    <>
      {props.tokens.length ? (
        <ul class="plain-list" aria-label="API tokens">
          {props.tokens.map((t) => (
            <li key={t.id} aria-label={`API token ${t.name}`}>
              <strong>{t.name}</strong> <span class="muted">({t.scopes.join(", ")})</span>
              <div class="muted small">
                Created {when(t.createdAt)} · expires {t.expiresAt ? when(t.expiresAt) : "never"} · last used {when(t.lastUsedAt)}
              </div>
              <button
                type="button"
                class="destructive"
                onClick={() => request(RevokeApiTokenMutation, { id: t.id }).then(props.reload, setError)}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">No API tokens.</p>
      )}
      <form
        class="token-form"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          setCopied(false);
          try {
            const expires = days.trim() === "" ? null : Number(days);
            const { createApiToken } = await request(CreateApiTokenMutation, { name: name.trim(), scopes, expiresInDays: expires });
            setSecret(createApiToken.token);
            setName("");
            props.reload();
          } catch (err) {
            setError(err);
          }
        }}
      >
        <h3>New API token</h3>
        <Field label="Token name">{(id) => <input id={id} type="text" maxLength={100} value={name} onInput={(e) => setName(e.currentTarget.value)} />}</Field>
        <fieldset class="scopes">
          <legend>Scopes</legend>
          {SCOPES.filter((s) => s !== "admin" || props.isAdmin).map((s) => (
            <div class="check" key={s}>
              <input id={`scope-${s}`} type="checkbox" checked={scopes.includes(s)} onChange={(e) => toggle(s, e.currentTarget.checked)} />
              <label for={`scope-${s}`}>{s}</label>
            </div>
          ))}
        </fieldset>
        <Field label="Expires in days" hint="Empty: never expires.">
          {(id, hint) => <input id={id} type="number" min={1} aria-describedby={hint} value={days} onInput={(e) => setDays(e.currentTarget.value)} />}
        </Field>
        <button type="submit" disabled={!name.trim() || scopes.length === 0}>
          Create token
        </button>
      </form>
      {secret ? (
        <div class="secret" role="status">
          <p>Copy the token now: it is shown only once.</p>
          <code>{secret}</code>
          <button
            type="button"
            onClick={() =>
              navigator.clipboard?.writeText(secret).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? "Copied" : "Copy token"}
          </button>
        </div>
      ) : null}
      <ErrorMessage error={error} />
    </>
  );
}

export function ProfileScreen(props: { policy: string }) {
  const [data, setData] = useState<ProfileData | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => request(ProfilePageQuery).then(setData, setError);
  useEffect(() => void load(), []);
  if (!data) return error ? <ErrorMessage error={error} /> : <Spinner label="Loading your account…" />;
  return (
    <div class="profile-layout">
      <section class="card" aria-labelledby="profile-title">
        <h1 id="profile-title">Your account</h1>
        <p class="muted">
          {data.me.email}
          {data.me.isAdmin ? " · administrator" : ""} · member since {when(data.me.createdAt)}
        </p>
        <NameForm
          name={data.me.displayName}
          onSaved={(displayName) => {
            const p = phase$.get();
            if (p.kind === "app") phase$.set({ ...p, viewer: { ...p.viewer, displayName } });
          }}
        />
        <h2>Password</h2>
        <PasswordForm policy={props.policy} />
      </section>
      <section class="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Signed-in sessions</h2>
        <ul class="plain-list" aria-label="Sessions">
          {data.sessions.map((s) => (
            <li key={s.id}>
              <strong>{s.userAgent || "Unknown client"}</strong>
              {s.current ? <span class="badge">this one</span> : null}
              <div class="muted small">
                {s.ip ?? "unknown address"} · signed in {when(s.createdAt)} · last seen {when(s.lastSeenAt)} · until {when(s.expiresAt)}
              </div>
              {s.current ? null : (
                <button type="button" onClick={() => request(RevokeSessionMutation, { id: s.id }).then(load, setError)}>
                  Sign out this session
                </button>
              )}
            </li>
          ))}
        </ul>
        <h2>API tokens</h2>
        <Tokens tokens={data.apiTokens} isAdmin={data.me.isAdmin} reload={load} />
        <ErrorMessage error={error} />
      </section>
    </div>
  );
}
