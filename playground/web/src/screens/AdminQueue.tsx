// Admins: everyone's queue items with their owners, pause/resume the processor, the
// scheduling policy, cancel any item. Kept current by the live queue stream.
import { useEffect, useState } from "preact/hooks";
import { request } from "../api/http";
import { AdminCancelItemMutation, AdminQueueQuery, PauseProcessorMutation, ResumeProcessorMutation, SetQueuePolicyMutation } from "../api/adminOps";
import { useStore } from "../app/store";
import { ErrorMessage, Field, Notice, Spinner } from "../components/ui";
import type { AdminQueueQuery as QueueData, QueuePolicy, QueueItemStatus } from "../gql/graphql";
import { live$ } from "../live/queue";

type Item = QueueData["queueItems"][number];
const POLICIES: { value: QueuePolicy; label: string }[] = [
  { value: "FIFO", label: "First in, first out" },
  { value: "ROUND_ROBIN", label: "Round robin between users" },
  { value: "FAIR_SHARE", label: "Fair share (least recent GPU use first)" },
];
const STATUSES: { value: QueueItemStatus | ""; label: string }[] = [
  { value: "", label: "Any status" },
  { value: "PENDING", label: "Pending" },
  { value: "IN_PROGRESS", label: "In progress" },
  { value: "COMPLETED", label: "Completed" },
  { value: "FAILED", label: "Failed" },
  { value: "CANCELED", label: "Canceled" },
];
const ACTIVE = new Set(["PENDING", "IN_PROGRESS"]);

function ItemRow(props: { item: Item; cancel: (id: string) => void }) {
  const { item } = props;
  const title = item.params?.prompt || "(prompt hidden)";
  return (
    <li aria-label={`Item ${title} by ${item.ownerName}`}>
      <strong class="admin-prompt">{title}</strong>
      <span class="badge">{item.status.replace("_", " ").toLowerCase()}</span>
      <div class="muted small">
        by {item.ownerName}
        {item.params ? ` · ${item.params.model}, ${item.params.width}×${item.params.height}, ${item.params.steps} steps` : ""}
        {item.position != null ? ` · place ${item.position + 1}` : ""} · added {new Date(item.createdAt).toLocaleString()}
      </div>
      {item.error ? <p class={item.status === "FAILED" ? "message error small" : "muted small"}>{item.error}</p> : null}
      {ACTIVE.has(item.status) ? (
        <div class="actions">
          <button type="button" class="destructive" aria-label={`Cancel ${title} by ${item.ownerName}`} onClick={() => props.cancel(item.id)}>
            Cancel
          </button>
        </div>
      ) : null}
    </li>
  );
}

export function AdminQueueScreen() {
  const [data, setData] = useState<QueueData | null>(null);
  const [status, setStatus] = useState<QueueItemStatus | "">("");
  const [policy, setPolicy] = useState<QueuePolicy | "">("");
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const liveStatus = useStore(live$).status;
  const load = () =>
    request(AdminQueueQuery, { status: status || null }).then(setData, setError);
  // Any queue event changes the counts the live stream keeps: read the list again.
  useEffect(() => void load(), [status, liveStatus]);
  const act = async (fn: () => Promise<unknown>, done: string) => {
    setError(null);
    setNote(null);
    try {
      await fn();
      setNote(done);
      await load();
    } catch (e) {
      setError(e);
    }
  };
  const q = data?.queueStatus;
  // The choice follows the server's policy when that changes, not on every reload.
  useEffect(() => {
    if (q) setPolicy(q.policy);
  }, [q?.policy]);
  return (
    <section class="card admin-queue" aria-labelledby="admin-queue-title">
      <div class="section-head">
        <h1 id="admin-queue-title">Manage queue</h1>
        {q ? (
          <button
            type="button"
            class={q.paused ? "primary" : undefined}
            onClick={() => (q.paused ? act(() => request(ResumeProcessorMutation), "Queue resumed.") : act(() => request(PauseProcessorMutation), "Queue paused."))}
          >
            {q.paused ? "Resume queue" : "Pause queue"}
          </button>
        ) : null}
      </div>
      {q ? (
        <p class="queue-state" aria-live="polite">
          The queue is <strong>{q.paused ? "paused" : "running"}</strong>: {q.pending} pending, {q.inProgress} in progress, {q.completed} completed, {q.failed} failed, {q.canceled} canceled.
        </p>
      ) : null}
      <div class="admin-filters">
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (policy) void act(() => request(SetQueuePolicyMutation, { policy }), "Policy saved.");
          }}
        >
          <Field label="Queue policy">
            {(id) => (
              <select id={id} value={policy} onChange={(e) => setPolicy(e.currentTarget.value as QueuePolicy)}>
                {POLICIES.map((p) => (
                  <option key={p.value} value={p.value}>
                    {p.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" disabled={!q || policy === q.policy}>
            Set policy
          </button>
        </form>
        <Field label="Show">
          {(id) => (
            <select id={id} value={status} onChange={(e) => setStatus(e.currentTarget.value as QueueItemStatus | "")}>
              {STATUSES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <ErrorMessage error={error} />
      {note ? <Notice tone="ok">{note}</Notice> : null}
      {data ? (
        data.queueItems.length ? (
          <ul class="plain-list" aria-label="All queue items">
            {data.queueItems.map((item) => (
              <ItemRow key={item.id} item={item} cancel={(id) => void act(() => request(AdminCancelItemMutation, { id }), "Canceled.")} />
            ))}
          </ul>
        ) : (
          <p class="muted">No items{status ? " with this status" : ""}.</p>
        )
      ) : (
        <Spinner label="Loading the queue…" />
      )}
      <p class="muted small">The oldest 50 items are shown; pick a status to narrow them.</p>
    </section>
  );
}
