// Admins: the audit log, newest first, filtered by who acted and by action, read on
// page by page ("Older" passes the last event's cursor as auditLog(after:)).
import { useEffect, useState } from "preact/hooks";
import { request } from "../api/http";
import { AuditLogQuery, AuditUsersQuery } from "../api/adminOps";
import { ErrorMessage, Field, Spinner } from "../components/ui";
import type { AuditLogQuery as AuditData, AuditUsersQuery as UsersData } from "../gql/graphql";

type Event = AuditData["auditLog"][number];
type User = UsersData["users"][number];

function detailText(detail: unknown): string {
  if (!detail || typeof detail !== "object" || Object.keys(detail).length === 0) return "";
  return JSON.stringify(detail);
}

function EventRow(props: { event: Event }) {
  const e = props.event;
  const detail = detailText(e.detail);
  return (
    <tr>
      <td>
        <time dateTime={e.at}>{new Date(e.at).toLocaleString()}</time>
      </td>
      <td>{e.actor ? e.actor.displayName : <span class="muted">system</span>}</td>
      <td>
        <code>{e.action}</code>
      </td>
      <td class="audit-target">
        {e.targetType}
        {e.targetId ? <span class="muted"> {e.targetId}</span> : null}
      </td>
      <td class="audit-detail">
        {detail ? <code>{detail}</code> : null}
        {e.ip ? <span class="muted small"> from {e.ip}</span> : null}
      </td>
    </tr>
  );
}

export function AdminAuditScreen(props: { pageSize?: number }) {
  const first = props.pageSize ?? 50;
  const [users, setUsers] = useState<User[]>([]);
  const [actorId, setActorId] = useState("");
  const [action, setAction] = useState("");
  const [applied, setApplied] = useState({ actorId: "", action: "" });
  const [events, setEvents] = useState<Event[] | null>(null);
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fetchPage = async (after: string | null, keep: Event[]) => {
    setBusy(true);
    setError(null);
    try {
      const d = await request(AuditLogQuery, { first, after, actorId: applied.actorId || null, action: applied.action || null });
      setEvents([...keep, ...d.auditLog]);
      // No pageInfo here: a full page may have more behind it.
      setMore(d.auditLog.length === first);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  useEffect(() => {
    request(AuditUsersQuery).then((d) => setUsers(d.users), setError);
  }, []);
  useEffect(() => {
    setEvents(null);
    void fetchPage(null, []);
  }, [applied]);
  const actions = [...new Set((events ?? []).map((e) => e.action))].sort();
  return (
    <section class="card" aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <form
        class="inline-form audit-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setApplied({ actorId, action: action.trim() });
        }}
      >
        <Field label="Actor">
          {(id) => (
            <select id={id} value={actorId} onChange={(e) => setActorId(e.currentTarget.value)}>
              <option value="">Everyone</option>
              {users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName} ({u.email})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Action" hint="Exact name, e.g. user_updated or model.update; empty: all.">
          {(id, hint) => (
            <>
              <input id={id} type="text" list="audit-actions" autocomplete="off" aria-describedby={hint} value={action} onInput={(e) => setAction(e.currentTarget.value)} />
              <datalist id="audit-actions">
                {actions.map((a) => (
                  <option key={a} value={a} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <button type="submit">Filter</button>
        {applied.actorId || applied.action ? (
          <button
            type="button"
            onClick={() => {
              setActorId("");
              setAction("");
              setApplied({ actorId: "", action: "" });
            }}
          >
            Show all events
          </button>
        ) : null}
      </form>
      <ErrorMessage error={error} />
      {events ? (
        events.length ? (
          <div class="table-wrap" tabIndex={0} role="region" aria-label="Audit events">
            <table class="audit-table">
              <caption class="sr-only">Audit events, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Target</th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                {events.map((e) => (
                  <EventRow key={e.id} event={e} />
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p class="muted">No events{applied.actorId || applied.action ? " match these filters" : ""}.</p>
        )
      ) : (
        <Spinner label="Loading the audit log…" />
      )}
      {events && more ? (
        <button type="button" disabled={busy} onClick={() => void fetchPage(events[events.length - 1].cursor, events)}>
          Older
        </button>
      ) : null}
      {events ? <p class="muted small">{events.length} shown.</p> : null}
    </section>
  );
}
