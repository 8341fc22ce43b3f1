// The live queue: what QueuePage said, kept current by queueEvents (resumed with
// `since` after a drop), generationProgress (bars and latent previews) and imageAdded.
import { ApiError } from "../api/errors";
import { request } from "../api/http";
import {
  ImageAddedSubscription,
  ProgressSubscription,
  QueueEventsSubscription,
  QueuePageQuery,
} from "../api/ops";
import { onConnection, subscribe } from "../api/ws";
import type {
  ImageAddedSubscription as ImageAddedData,
  ProgressSubscription as ProgressData,
  QueueEventsSubscription as QueueEventData,
  QueuePageQuery as QueuePageData,
} from "../gql/graphql";
import { store } from "../app/store";

export type QueueItem = QueuePageData["pending"][number];
export type QueueStatus = QueuePageData["queueStatus"];
export type Progress = ProgressData["generationProgress"] & { receivedAt: number; firstAt: number; firstStep: number };
export type AddedImage = ImageAddedData["imageAdded"]["image"];

export interface LiveState {
  status: QueueStatus | null;
  items: Map<string, QueueItem>;
  progress: Map<string, Progress>;
  recentImages: AddedImage[];
  connection: "connecting" | "online" | "offline";
  notice: string | null;
  error: string | null;
}

const empty = (): LiveState => ({
  status: null,
  items: new Map(),
  progress: new Map(),
  recentImages: [],
  connection: "connecting",
  notice: null,
  error: null,
});

export const live$ = store<LiveState>(empty());
const FINISHED_KEPT = 50;
const RECENT_IMAGES = 12;

let cursor: string | null = null;
let stops: (() => void)[] = [];
let refetchTimer: ReturnType<typeof setTimeout> | null = null;
let lastFetch = 0;
let catchUpUntil = 0;
let caughtUp = 0;
// Event arrival per item: a refetch that started earlier must not undo it.
const touched = new Map<string, number>();
const listeners = new Set<(image: AddedImage) => void>();

function update(fn: (s: LiveState) => Partial<LiveState>): void {
  live$.set((s) => ({ ...s, ...fn(s) }));
}

function trimFinished(items: Map<string, QueueItem>): Map<string, QueueItem> {
  const finished = [...items.values()].filter((i) => i.status !== "PENDING" && i.status !== "IN_PROGRESS");
  if (finished.length <= FINISHED_KEPT) return items;
  finished.sort((a, b) => (a.completedAt ?? a.createdAt).localeCompare(b.completedAt ?? b.createdAt));
  const next = new Map(items);
  for (const old of finished.slice(0, finished.length - FINISHED_KEPT)) next.delete(old.id);
  return next;
}

export function upsertItems(list: QueueItem[]): void {
  const now = performance.now();
  for (const i of list) touched.set(i.id, now);
  update((s) => {
    const items = new Map(s.items);
    for (const i of list) items.set(i.id, i);
    return { items: trimFinished(items) };
  });
}

async function fetchPage(): Promise<void> {
  const started = performance.now();
  lastFetch = Date.now();
  try {
    const page = await request(QueuePageQuery);
    update((s) => {
      const items = new Map<string, QueueItem>();
      const fresh = new Map([...page.running, ...page.pending].map((i) => [i.id, i]));
      for (const [id, old] of s.items) {
        const newer = (touched.get(id) ?? 0) > started;
        // Known from events: keep finished ones (the page lists only active items)
        // and anything an event changed after this fetch began.
        if (newer || (!fresh.has(id) && old.status !== "PENDING" && old.status !== "IN_PROGRESS")) {
          items.set(id, old);
        }
      }
      for (const [id, item] of fresh) if (!items.has(id)) items.set(id, item);
      return { items: trimFinished(items), status: page.queueStatus, error: null };
    });
  } catch (error) {
    if (error instanceof ApiError && error.code === "UNAUTHENTICATED") return;
    update(() => ({ error: "Could not load the queue. Retrying…" }));
    scheduleRefetch(5000);
  }
}

/** Positions and ETAs of everyone's items move with every event: re-read at most once a second. */
function scheduleRefetch(delay = 0): void {
  if (refetchTimer) return;
  const wait = Math.max(delay, 1000 - (Date.now() - lastFetch));
  refetchTimer = setTimeout(() => {
    refetchTimer = null;
    void fetchPage();
  }, wait);
}

function onQueueEvent(event: QueueEventData): void {
  const e = event.queueEvents;
  cursor = e.cursor;
  if (performance.now() < catchUpUntil) caughtUp += 1;
  if (e.__typename === "QueueItemStatusChanged") {
    const item = e.item;
    upsertItems([item]);
    if (item.status !== "IN_PROGRESS") {
      update((s) => {
        if (!s.progress.has(item.id)) return {};
        const progress = new Map(s.progress);
        progress.delete(item.id);
        return { progress };
      });
    }
  }
  update(() => ({ status: e.queueStatus }));
  scheduleRefetch();
}

function onProgress(data: ProgressData): void {
  const p = data.generationProgress;
  const now = performance.now();
  update((s) => {
    const progress = new Map(s.progress);
    const prev = progress.get(p.queueItemId);
    progress.set(p.queueItemId, {
      ...p,
      preview: p.preview ?? prev?.preview ?? null,
      receivedAt: now,
      firstAt: prev?.firstAt ?? now,
      firstStep: prev?.firstStep ?? p.step,
    });
    return { progress };
  });
}

function onImage(data: ImageAddedData): void {
  const image = data.imageAdded.image;
  update((s) => ({ recentImages: [image, ...s.recentImages.filter((i) => i.id !== image.id)].slice(0, RECENT_IMAGES) }));
  for (const l of listeners) l(image);
}

/** New images as they are stored (the gallery adds them to its grid). */
export function onImageAdded(listener: (image: AddedImage) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Opens a stream and reopens it when it ends for another reason than the session
 * (e.g. it fell too far behind); network drops are retried by graphql-ws itself. */
function stream(open: (onEnd: (error?: ApiError) => void) => () => void): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const onEnd = (error?: ApiError) => {
    if (stopped || timer || error?.code === "UNAUTHENTICATED") return;
    timer = setTimeout(() => {
      timer = null;
      if (!stopped) stop = open(onEnd);
    }, 1000);
  };
  let stop = open(onEnd);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    stop();
  };
}

export function startLive(): void {
  stopLive();
  live$.set(empty());
  cursor = null;
  void fetchPage();
  // Read at every (re)subscribe: after a network drop the server replays what we missed.
  const queueVars = {
    get since(): string | null {
      return cursor;
    },
  };
  stops = [
    stream((end) => subscribe(QueueEventsSubscription, queueVars, { next: onQueueEvent, error: end, complete: end })),
    stream((end) => subscribe(ProgressSubscription, {}, { next: onProgress, error: end, complete: end })),
    stream((end) => subscribe(ImageAddedSubscription, {}, { next: onImage, error: end, complete: end })),
    onConnection((connection, reconnected) => {
      update(() => ({ connection, ...(connection === "offline" ? { notice: null } : {}) }));
      if (reconnected) {
        caughtUp = 0;
        catchUpUntil = performance.now() + 1500;
        setTimeout(() => {
          const n = caughtUp;
          update(() => ({
            notice: n > 0 ? `Reconnected. Caught up on ${n} queue ${n === 1 ? "change" : "changes"} missed while offline.` : "Reconnected.",
          }));
          void fetchPage();
        }, 1500);
      }
    }),
  ];
}

export function stopLive(): void {
  for (const stop of stops) stop();
  stops = [];
  if (refetchTimer) clearTimeout(refetchTimer);
  refetchTimer = null;
  touched.clear();
}

export function refreshQueue(): void {
  void fetchPage();
}
