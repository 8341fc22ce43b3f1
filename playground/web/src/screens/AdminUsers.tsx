// Admins: every user, with create, rename, promote/demote, enable/disable, quotas,
// password reset, unlock after failed sign-ins, and delete behind a typed confirmation.
import { useEffect, useState } from "preact/hooks";
import { request } from "../api/http";
import { AdminUsersPageQuery, CreateUserMutation, DeleteUserMutation, UnlockUserMutation, UpdateUserMutation } from "../api/ops";
import { SetQuotaMutation } from "../api/adminOps";
import { ErrorMessage, Field, Notice, Spinner } from "../components/ui";
import type { AdminUsersPageQuery as UsersData } from "../gql/graphql";
import { PolicyChecklist, policyProblems } from "./policy";

type User = UsersData["users"][number];
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const MB = 1024 * 1024;

/** "" = no limit (null); otherwise a whole number of 0 or more, or NaN. */
function limit(text: string, scale = 1): number | null {
  const t = text.trim();
  if (!t) return null;
  const n = Number(t);
  return Number.isFinite(n) && n >= 0 ? Math.round(n * scale) : Number.NaN;
}

function quotaText(q: User["quota"]): string {
  if (!q || (q.maxPendingJobs == null && q.maxImagesPerDay == null && q.maxStorageBytes == null)) return "Quota: no limits";
  const parts = [
    q.maxPendingJobs == null ? "any number pending" : `${q.maxPendingJobs} pending`,
    q.maxImagesPerDay == null ? "any number of images a day" : `${q.maxImagesPerDay} images a day`,
    q.maxStorageBytes == null ? "unlimited storage" : `${mb(q.maxStorageBytes)} storage`,
  ];
  return `Quota: ${parts.join(", ")}`;
}

function QuotaForm(props: { user: User; act: (fn: () => Promise<unknown>, done: string) => Promise<void> }) {
  const q = props.user.quota;
  const str = (v: number | null | undefined, scale = 1) => (v == null ? "" : String(Math.round((v / scale) * 100) / 100));
  const [pending, setPending] = useState(str(q?.maxPendingJobs));
  const [images, setImages] = useState(str(q?.maxImagesPerDay));
  const [storage, setStorage] = useState(str(q?.maxStorageBytes, MB));
  const values = { maxPendingJobs: limit(pending), maxImagesPerDay: limit(images), maxStorageBytes: limit(storage, MB) };
  const bad = Object.values(values).some((v) => Number.isNaN(v));
  const name = props.user.displayName;
  return (
    <form
      class="inline-form quota-form"
      aria-label={`Quota for ${name}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!bad) void props.act(() => request(SetQuotaMutation, { userId: props.user.id, ...values }), "Quota saved.");
      }}
    >
      <Field label="Max pending jobs">{(id) => <input id={id} type="number" min={0} step={1} inputMode="numeric" value={pending} onInput={(e) => setPending(e.currentTarget.value)} />}</Field>
      <Field label="Max images per day">{(id) => <input id={id} type="number" min={0} step={1} inputMode="numeric" value={images} onInput={(e) => setImages(e.currentTarget.value)} />}</Field>
      <Field label="Max storage (MB)">{(id) => <input id={id} type="number" min={0} step="any" inputMode="decimal" value={storage} onInput={(e) => setStorage(e.currentTarget.value)} />}</Field>
      <button type="submit" disabled={bad}>
        Set quota
      </button>
      <p class="hint quota-hint">Leave a box empty for no limit (pending jobs then follow the site default).</p>
    </form>
  );
}

function NameForm(props: { user: User; act: (fn: () => Promise<unknown>, done: string) => Promise<void> }) {
  const [name, setName] = useState(props.user.displayName);
  const ready = name.trim() !== "" && name.trim() !== props.user.displayName;
  return (
    <form
      class="inline-form"
      aria-label={`Name of ${props.user.displayName}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (ready) void props.act(() => request(UpdateUserMutation, { id: props.user.id, input: { displayName: name.trim() } }), "Name saved.");
      }}
    >
      <Field label="Name">{(id) => <input id={id} type="text" autocomplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)} />}</Field>
      <button type="submit" disabled={!ready}>
        Save name
      </button>
    </form>
  );
}

function NewUser(props: { policy: string; onCreated: () => void }) {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [admin, setAdmin] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ready = email.trim() && name.trim() && policyProblems(password).length === 0;
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        if (!ready) return;
        setError(null);
        try {
          await request(CreateUserMutation, { input: { email: email.trim(), displayName: name.trim(), password, isAdmin: admin } });
          setEmail("");
          setName("");
          setPassword("");
          setAdmin(false);
          props.onCreated();
        } catch (err) {
          setError(err);
        }
      }}
    >
      <h2>New user</h2>
      <Field label="Email">{(id) => <input id={id} type="email" autocomplete="off" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />}</Field>
      <Field label="Display name">{(id) => <input id={id} type="text" value={name} onInput={(e) => setName(e.currentTarget.value)} />}</Field>
      <Field label="Initial password" hint={<PolicyChecklist policy={props.policy} password={password} />}>
        {(id, hint) => <input id={id} type="password" autocomplete="new-password" aria-describedby={hint} value={password} onInput={(e) => setPassword(e.currentTarget.value)} />}
      </Field>
      <div class="check">
        <input id="new-user-admin" type="checkbox" checked={admin} onChange={(e) => setAdmin(e.currentTarget.checked)} />
        <label for="new-user-admin">Administrator</label>
      </div>
      <button type="submit" class="primary" disabled={!ready}>
        Create user
      </button>
      <ErrorMessage error={error} />
    </form>
  );
}

function UserRow(props: { user: User; self: boolean; reload: () => void }) {
  const { user } = props;
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState<string | null>(null);
  const act = async (fn: () => Promise<unknown>, done: string) => {
    setError(null);
    setNote(null);
    try {
      await fn();
      setNote(done);
      props.reload();
    } catch (e) {
      setError(e);
    }
  };
  const update = (input: { isAdmin?: boolean; isActive?: boolean; password?: string }, done: string) =>
    act(() => request(UpdateUserMutation, { id: user.id, input }), done);
  return (
    <li aria-label={`User ${user.displayName}`}>
      <strong>{user.displayName}</strong>
      <span class="muted">{user.email}</span>
      {user.isAdmin ? <span class="badge">admin</span> : null}
      {user.isActive ? null : <span class="badge off">disabled</span>}
      <div class="muted small">
        {user.stats ? `${user.stats.imageCount} images, ${user.stats.boardCount} boards, ${mb(user.stats.storageBytes)}, ${user.stats.pendingJobs} pending · ` : ""}
        last sign-in {user.lastLoginAt ? new Date(user.lastLoginAt).toLocaleString() : "never"}
      </div>
      <div class="muted small">{quotaText(user.quota)}</div>
      <div class="actions">
        {props.self ? null : (
          <>
            <button type="button" onClick={() => update({ isAdmin: !user.isAdmin }, user.isAdmin ? "No longer an administrator." : "Now an administrator.")}>
              {user.isAdmin ? "Remove admin" : "Make admin"}
            </button>
            <button type="button" onClick={() => update({ isActive: !user.isActive }, user.isActive ? "Disabled; their sessions ended." : "Enabled.")}>
              {user.isActive ? "Disable" : "Enable"}
            </button>
          </>
        )}
        <button type="button" onClick={() => act(() => request(UnlockUserMutation, { id: user.id }), "Sign-in failures cleared.")}>
          Unlock
        </button>
        <button type="button" aria-expanded={resetting} onClick={() => setResetting(!resetting)}>
          Reset password
        </button>
        {props.self ? null : (
          <button type="button" class="destructive" onClick={() => setConfirm("")}>
            Delete
          </button>
        )}
      </div>
      <div class="user-edit">
        <NameForm key={user.displayName} user={user} act={act} />
        <QuotaForm key={JSON.stringify(user.quota)} user={user} act={act} />
      </div>
      {resetting ? (
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void update({ password }, "Password reset; their sessions ended.").then(() => {
              setPassword("");
              setResetting(false);
            });
          }}
        >
          <Field label={`New password for ${user.displayName}`}>
            {(id) => <input id={id} type="password" autocomplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />}
          </Field>
          <button type="submit" disabled={policyProblems(password).length > 0}>
            Set password
          </button>
        </form>
      ) : null}
      {confirm !== null ? (
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (confirm === user.email) void act(() => request(DeleteUserMutation, { id: user.id }), "Deleted.");
          }}
        >
          <Field label={`Type ${user.email} to delete this user and everything they own`}>
            {(id) => <input id={id} type="text" autocomplete="off" value={confirm} onInput={(e) => setConfirm(e.currentTarget.value)} />}
          </Field>
          <button type="submit" class="destructive" disabled={confirm !== user.email}>
            Delete for good
          </button>
          <button type="button" onClick={() => setConfirm(null)}>
            Keep
          </button>
        </form>
      ) : null}
      <ErrorMessage error={error} />
      {note ? <Notice tone="ok">{note}</Notice> : null}
    </li>
  );
}

export function AdminUsersScreen(props: { policy: string; viewerId: string }) {
  const [users, setUsers] = useState<User[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => request(AdminUsersPageQuery).then((d) => setUsers(d.users), setError);
  useEffect(() => void load(), []);
  return (
    <div class="profile-layout">
      <section class="card" aria-labelledby="users-title">
        <h1 id="users-title">Users</h1>
        <ErrorMessage error={error} />
        {users ? (
          <ul class="plain-list" aria-label="Users">
            {users.map((u) => (
              <UserRow key={u.id} user={u} self={u.id === props.viewerId} reload={load} />
            ))}
          </ul>
        ) : (
          <Spinner label="Loading users…" />
        )}
      </section>
      <section class="card">
        <NewUser policy={props.policy} onCreated={load} />
      </section>
    </div>
  );
}
