// The live queue: the viewer's items (status, place in line, ETA, progress bar and
// latent preview while running), other people's items as the API sanitizes them,
// the mine/all pending badge, cancel, retry and "clear my pending".
import { useEffect, useState } from "preact/hooks";
import { describe } from "../api/errors";
import { request } from "../api/http";
import { CancelItemMutation, ClearQueueMutation, RetryItemsMutation } from "../api/ops";
import { phase$ } from "../app/session";
import { useStore } from "../app/store";
import { Notice } from "../components/ui";
import { live$, refreshQueue, upsertItems, type Progress, type QueueItem } from "../live/queue";

const ORDER: Record<QueueItem["status"], number> = { IN_PROGRESS: 0, PENDING: 1, FAILED: 2, CANCELED: 2, COMPLETED: 2 };
const LABEL: Record<QueueItem["status"], string> = {
  IN_PROGRESS: "Generating",
  PENDING: "Waiting",
  COMPLETED: "Done",
  FAILED: "Failed",
  CANCELED: "Canceled",
};

function sortItems(items: Iterable<QueueItem>): QueueItem[] {
  return [...items].sort((a, b) => {
    const o = ORDER[a.status] - ORDER[b.status];
    if (o) return o;
    if (a.status === "PENDING") return (a.position ?? 0) - (b.position ?? 0);
    if (a.status === "IN_PROGRESS") return a.createdAt.localeCompare(b.createdAt);
    return (b.completedAt ?? b.createdAt).localeCompare(a.completedAt ?? a.createdAt);
  });
}

export function seconds(s: number): string {
  if (s < 1) return "now";
  if (s < 90) return `about ${Math.round(s)} s`;
  if (s < 5400) return `about ${Math.round(s / 60)} min`;
  return `about ${Math.round(s / 3600)} h`;
}

function useNow(ms: number): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

function eta(item: QueueItem, p: Progress | undefined, now: number): string | null {
  if (item.status === "PENDING") {
    if (!item.estimatedStartAt) return null;
    const s = (Date.parse(item.estimatedStartAt) - now) / 1000;
    return s <= 1 ? "Starts any moment" : `Starts in ${seconds(s)}`;
  }
  if (item.status === "IN_PROGRESS" && p && p.step > p.firstStep) {
    const perStep = (p.receivedAt - p.firstAt) / (p.step - p.firstStep) / 1000;
    return `Done in ${seconds(perStep * (p.totalSteps - p.step))}`;
  }
  return null;
}

function Item(props: { item: QueueItem; progress: Progress | undefined; now: number; canManage: boolean; onError: (m: string) => void }) {
  const { item, progress: p } = props;
  // Others' items come sanitized: no params, owner "<hidden>" unless we are an admin.
  const owner = item.ownerName && item.ownerName !== "<hidden>" ? item.ownerName : null;
  const title = item.params?.prompt ?? (owner ? `${owner}'s generation` : "Someone else's generation");
  const active = item.status === "PENDING" || item.status === "IN_PROGRESS";
  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (e) {
      props.onError(describe(e));
    }
  };
  const when = eta(item, p, props.now);
  return (
    <li class={`queue-item ${item.isMine ? "mine" : "theirs"} status-${item.status.toLowerCase()}`} aria-label={`${LABEL[item.status]}: ${title}`}>
      <div class="queue-main">
        <div class="queue-title">{title}</div>
        <div class="queue-meta">
          <span class="status">{LABEL[item.status]}</span>
          {item.status === "PENDING" && item.position !== null && item.position !== undefined ? <span>#{item.position + 1} in line</span> : null}
          {when ? <span>{when}</span> : null}
          {!item.isMine && owner && item.params ? <span>{owner}</span> : null}
          {item.params ? (
            <span>
              {item.params.width}×{item.params.height}, {item.params.steps} steps, seed {item.params.seed}
            </span>
          ) : null}
        </div>
        {item.status === "IN_PROGRESS" ? (
          <div class="progress-row">
            <progress max={100} value={p?.percentage ?? 0} aria-label={`Progress of ${title}`} />
            <span class="step">{p ? `Step ${p.step} of ${p.totalSteps}` : "Starting…"}</span>
          </div>
        ) : null}
        {item.error ? <p class="message error small">{item.error}</p> : null}
      </div>
      {item.status === "IN_PROGRESS" && p?.preview ? (
        <img class="preview" src={p.preview} alt={`Live preview of ${title}`} width={64} height={64} />
      ) : null}
      {props.canManage ? (
        <div class="queue-actions">
          {active ? (
            <button type="button" onClick={() => act(() => request(CancelItemMutation, { id: item.id }))}>
              Cancel
            </button>
          ) : null}
          {item.status === "FAILED" || item.status === "CANCELED" ? (
            <button
              type="button"
              onClick={() =>
                act(async () => {
                  const { retryQueueItems } = await request(RetryItemsMutation, { ids: [item.id] });
                  upsertItems(retryQueueItems);
                })
              }
            >
              Retry
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

export function QueueBadge() {
  const { status } = useStore(live$);
  if (!status) return null;
  return (
    <span class="badge" title="Your pending generations / everyone's" aria-label={`Pending: ${status.myPending} mine of ${status.pending} in all`}>
      {status.myPending}/{status.pending}
    </span>
  );
}

export function QueuePanel(props: { standalone?: boolean }) {
  const state = useStore(live$);
  const phase = useStore(phase$);
  const isAdmin = phase.kind === "app" && phase.viewer.isAdmin;
  const now = useNow(1000);
  const [message, setMessage] = useState<string | null>(null);
  const items = sortItems(state.items.values());
  const myPending = state.status?.myPending ?? 0;

  async function clearMine() {
    setMessage(null);
    try {
      let n = 0;
      if (isAdmin) {
        // An admin's clearQueue empties everyone's line: cancel only their own items here.
        const mine = items.filter((i) => i.isMine && i.status === "PENDING");
        for (const i of mine) await request(CancelItemMutation, { id: i.id });
        n = mine.length;
      } else {
        n = (await request(ClearQueueMutation)).clearQueue;
      }
      setMessage(`Removed ${n} pending ${n === 1 ? "item" : "items"}.`);
      refreshQueue();
    } catch (e) {
      setMessage(describe(e));
    }
  }

  return (
    <section class="card queue" aria-labelledby="queue-title">
      <div class="section-head">
        {props.standalone ? (
          <h1 id="queue-title">
            Queue <QueueBadge />
          </h1>
        ) : (
          <h2 id="queue-title">
            Queue <QueueBadge />
          </h2>
        )}
        <button type="button" onClick={clearMine} disabled={myPending === 0}>
          Clear my pending
        </button>
      </div>
      {state.status?.paused ? <Notice tone="warn">The queue is paused by an administrator.</Notice> : null}
      {state.connection === "offline" ? <Notice tone="warn">Connection lost. Reconnecting…</Notice> : null}
      {state.notice && state.connection === "online" ? <Notice tone="ok">{state.notice}</Notice> : null}
      {state.error ? <Notice tone="warn">{state.error}</Notice> : null}
      {message ? <Notice>{message}</Notice> : null}
      {items.length === 0 ? (
        <p class="muted">Nothing in the queue.</p>
      ) : (
        <ul class="queue-list" aria-label="Queue items">
          {items.map((item) => (
            <Item
              key={item.id}
              item={item}
              progress={state.progress.get(item.id)}
              now={now}
              canManage={item.isMine || isAdmin}
              onError={setMessage}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
