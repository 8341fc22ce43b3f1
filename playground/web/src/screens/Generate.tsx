// The Generate form: prompt, model (with its defaults), size, steps, CFG, scheduler,
// seed, runs, target board, style presets; beside it the live queue.
import { useEffect, useMemo, useState } from "preact/hooks";
import { request } from "../api/http";
import { EnqueueMutation, GenerateFormQuery } from "../api/ops";
import { SCHEDULERS, form$, sourceInput, type FormValues } from "../app/form";
import { useStore } from "../app/store";
import { ErrorMessage, Field, Notice } from "../components/ui";
import type { GenerateFormQuery as FormData, GenerationInput, Scheduler } from "../gql/graphql";
import { upsertItems } from "../live/queue";
import { ExtraModelFields } from "./ExtraModelFields";
import { InitImageFields } from "./InitImageFields";
import { QueuePanel } from "./QueuePanel";
import { RecentImages } from "./RecentImages";

type Model = FormData["models"][number];
type Preset = FormData["stylePresets"][number];
const MAX_SEED = 2147483647;

interface Defaults {
  width?: number;
  height?: number;
  steps?: number;
  cfgScale?: number;
  scheduler?: Scheduler;
}

function defaultsOf(model: Model | undefined): Defaults {
  return (model?.defaults && typeof model.defaults === "object" ? model.defaults : {}) as Defaults;
}

export function describeDefaults(model: Model | undefined): string {
  const d = defaultsOf(model);
  const parts = [];
  if (d.width && d.height) parts.push(`${d.width}×${d.height}`);
  if (d.steps) parts.push(`${d.steps} steps`);
  if (d.cfgScale !== undefined) parts.push(`CFG ${d.cfgScale}`);
  if (d.scheduler) parts.push(d.scheduler);
  return parts.join(", ");
}

function withDefaults(f: FormValues, model: Model | undefined): FormValues {
  const d = defaultsOf(model);
  const s = (v: unknown) => (v === undefined || v === null ? "" : String(v));
  return {
    ...f,
    width: s(d.width),
    height: s(d.height),
    steps: s(d.steps),
    cfgScale: s(d.cfgScale),
    scheduler: d.scheduler && SCHEDULERS.includes(d.scheduler) ? d.scheduler : "",
  };
}

/** The GenerationInput for the form, or the sentence saying what to fix. */
function toInput(f: FormValues): { input: GenerationInput; runs: number } | string {
  if (!f.prompt.trim()) return "Write a prompt first.";
  const int = (v: string) => (v.trim() === "" ? null : Number(v));
  const width = int(f.width);
  const height = int(f.height);
  for (const [name, v] of [["Width", width], ["Height", height]] as const) {
    if (v !== null && (!Number.isInteger(v) || v < 64 || v > 2048 || v % 8 !== 0)) {
      return `${name} must be a multiple of 8 from 64 to 2048.`;
    }
  }
  const steps = int(f.steps);
  if (steps !== null && (!Number.isInteger(steps) || steps < 1 || steps > 150)) return "Steps must be a whole number from 1 to 150.";
  const cfg = int(f.cfgScale);
  if (cfg !== null && (!Number.isFinite(cfg) || cfg < 0 || cfg > 30)) return "CFG scale must be from 0 to 30.";
  const seed = int(f.seed);
  if (seed !== null && (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)) return `Seed must be a whole number from 0 to ${MAX_SEED}.`;
  const runs = int(f.runs) ?? 1;
  if (!Number.isInteger(runs) || runs < 1 || runs > 100) return "Runs must be a whole number from 1 to 100.";
  const sources = sourceInput(f);
  if (typeof sources === "string") return sources;
  return {
    runs,
    input: {
      prompt: f.prompt,
      negativePrompt: f.negativePrompt,
      model: f.model || null,
      width,
      height,
      steps,
      cfgScale: cfg,
      scheduler: f.scheduler || null,
      seed,
      boardId: f.boardId || null,
      ...sources,
    },
  };
}

function applyPreset(f: FormValues, p: Preset): FormValues {
  const merge = (current: string, style: string) => {
    if (!style.trim()) return current;
    if (style.includes("{prompt}")) return style.split("{prompt}").join(current);
    return current.trim() ? `${current.trim()}, ${style}` : style;
  };
  return { ...f, prompt: merge(f.prompt, p.positivePrompt), negativePrompt: merge(f.negativePrompt, p.negativePrompt) };
}

export function GenerateScreen() {
  const f = useStore(form$);
  const [data, setData] = useState<FormData | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [queued, setQueued] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<FormValues>) => form$.set((v) => ({ ...v, ...patch }));

  useEffect(() => {
    request(GenerateFormQuery).then(setData, setLoadError);
  }, []);

  const mains = useMemo(() => (data?.models ?? []).filter((m) => m.type === "MAIN"), [data]);
  const selected = mains.find((m) => m.key === f.model) ?? mains.find((m) => m.isDefault);
  const writable = (data?.boards ?? []).filter((b) => !b.archived && b.myAccess !== "READ");

  // First visit (or a model that is gone): start from the model's own defaults.
  useEffect(() => {
    if (!data) return;
    const v = form$.get();
    if (v.model && !mains.some((m) => m.key === v.model)) form$.set(withDefaults({ ...v, model: "" }, selected));
    else if (!v.width && !v.steps) form$.set(withDefaults(v, selected));
    if (v.boardId && !writable.some((b) => b.id === v.boardId)) form$.set((x) => ({ ...x, boardId: "" }));
  }, [data]);

  async function submit(event: Event) {
    event.preventDefault();
    setError(null);
    setQueued(null);
    const built = toInput(form$.get());
    if (typeof built === "string") {
      setProblem(built);
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      const { enqueue } = await request(EnqueueMutation, { input: { generation: built.input, runs: built.runs } });
      upsertItems(enqueue.items);
      const n = enqueue.items.length;
      setQueued(`Queued ${n} ${n === 1 ? "image" : "images"}.`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const num = (label: string, key: keyof FormValues, attrs: Record<string, number | string>, hint?: string) => (
    <Field label={label} hint={hint}>
      {(id, hintId) => (
        <input
          id={id}
          type="number"
          inputMode="numeric"
          aria-describedby={hintId}
          value={f[key] as string}
          onInput={(e) => set({ [key]: e.currentTarget.value } as Partial<FormValues>)}
          {...attrs}
        />
      )}
    </Field>
  );

  return (
    <div class="generate-layout">
      <section class="card" aria-labelledby="generate-title">
        <h1 id="generate-title">Generate</h1>
        {loadError ? <ErrorMessage error={loadError} /> : null}
        <form onSubmit={submit} class="generate-form" noValidate>
          <Field label="Prompt">
            {(id) => <textarea id={id} rows={3} required value={f.prompt} onInput={(e) => set({ prompt: e.currentTarget.value })} />}
          </Field>
          <Field label="Negative prompt">
            {(id) => <textarea id={id} rows={2} value={f.negativePrompt} onInput={(e) => set({ negativePrompt: e.currentTarget.value })} />}
          </Field>
          {data && data.stylePresets.length > 0 ? (
            <fieldset class="presets">
              <legend>Style presets</legend>
              {data.stylePresets.map((p) => (
                <button
                  type="button"
                  key={p.id}
                  class="chip"
                  aria-label={`Apply style preset ${p.name}`}
                  title={[p.positivePrompt, p.negativePrompt && `Negative: ${p.negativePrompt}`].filter(Boolean).join("\n")}
                  onClick={() => form$.set((v) => applyPreset(v, p))}
                >
                  {p.name}
                </button>
              ))}
            </fieldset>
          ) : null}
          <Field label="Model" hint={selected ? `Defaults: ${describeDefaults(selected) || "none"}${selected.description ? ` · ${selected.description}` : ""}` : undefined}>
            {(id, hintId) => (
              <select
                id={id}
                aria-describedby={hintId}
                value={f.model || selected?.key || ""}
                disabled={!data}
                onChange={(e) => {
                  const key = e.currentTarget.value;
                  const model = mains.find((m) => m.key === key) ?? mains.find((m) => m.isDefault);
                  form$.set((v) => withDefaults({ ...v, model: key }, model));
                }}
              >
                {!data ? <option value="">Loading models…</option> : null}
                {mains.map((m) => (
                  <option key={m.key} value={m.key}>
                    {m.name}
                    {m.isDefault ? " (default)" : ""} — {describeDefaults(m)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <ExtraModelFields models={data?.models ?? []} base={selected?.base} />
          <InitImageFields />
          <div class="row">
            {num("Width", "width", { min: 64, max: 2048, step: 8 }, f.initImageId ? "Empty: the init image's size." : undefined)}
            {num("Height", "height", { min: 64, max: 2048, step: 8 })}
          </div>
          <div class="row">
            {num("Steps", "steps", { min: 1, max: 150, step: 1 })}
            {num("CFG scale", "cfgScale", { min: 0, max: 30, step: 0.5, inputMode: "decimal" })}
          </div>
          <Field label="Scheduler">
            {(id) => (
              <select id={id} value={f.scheduler} onChange={(e) => set({ scheduler: e.currentTarget.value as Scheduler | "" })}>
                <option value="">Model default{defaultsOf(selected).scheduler ? ` (${defaultsOf(selected).scheduler})` : ""}</option>
                {SCHEDULERS.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div class="row seed-row">
            <Field label="Seed" hint="Empty: a random seed each time.">
              {(id, hintId) => (
                <div class="with-button">
                  <input
                    id={id}
                    type="number"
                    inputMode="numeric"
                    min={0}
                    max={MAX_SEED}
                    aria-describedby={hintId}
                    value={f.seed}
                    onInput={(e) => set({ seed: e.currentTarget.value })}
                  />
                  <button
                    type="button"
                    aria-label="Random seed"
                    title="Pick a random seed"
                    onClick={() => set({ seed: String(Math.floor(Math.random() * MAX_SEED)) })}
                  >
                    Random
                  </button>
                </div>
              )}
            </Field>
            {num("Runs", "runs", { min: 1, max: 100, step: 1 }, "Seeds count up from the seed.")}
          </div>
          <Field label="Board">
            {(id) => (
              <select id={id} value={f.boardId} onChange={(e) => set({ boardId: e.currentTarget.value })}>
                <option value="">Uncategorized</option>
                {writable.map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                    {b.myAccess === "OWNER" ? "" : ` (${b.owner.displayName})`}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {problem ? (
            <p class="message error" role="alert">
              {problem}
            </p>
          ) : null}
          <ErrorMessage error={error} />
          {queued ? <Notice tone="ok">{queued}</Notice> : null}
          <button type="submit" class="primary" disabled={busy}>
            {busy ? "Queuing…" : "Generate"}
          </button>
        </form>
      </section>
      <div class="side">
        <QueuePanel />
        <RecentImages />
      </div>
    </div>
  );
}
