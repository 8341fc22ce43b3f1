// Admins: installed models with their default settings; install from a path on the
// server (live progress from modelInstallProgress), edit defaults, set the default
// model, delete behind a confirmation.
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../api/errors";
import { request } from "../api/http";
import { subscribe } from "../api/ws";
import { AdminModelsQuery, DeleteModelMutation, InstallModelMutation, ModelInstallProgressSubscription, UpdateModelMutation } from "../api/adminOps";
import { SCHEDULERS } from "../app/form";
import { ErrorMessage, Field, Notice, Spinner } from "../components/ui";
import type { AdminModelsQuery as ModelsData, ModelInstallProgressSubscription as ProgressData } from "../gql/graphql";

type Model = ModelsData["models"][number];
type Progress = ProgressData["modelInstallProgress"];
const KEYS = ["width", "height", "steps", "cfgScale", "scheduler"] as const;
const LABELS: Record<(typeof KEYS)[number], string> = { width: "Width", height: "Height", steps: "Steps", cfgScale: "CFG scale", scheduler: "Scheduler" };

function Defaults(props: { model: Model; act: (fn: () => Promise<unknown>, done: string) => Promise<void> }) {
  const d = (props.model.defaults ?? {}) as Record<string, unknown>;
  const [values, setValues] = useState<Record<string, string>>(Object.fromEntries(KEYS.map((k) => [k, d[k] == null ? "" : String(d[k])])));
  const set = (k: string, v: string) => setValues((old) => ({ ...old, [k]: v }));
  const save = () => {
    const out: Record<string, unknown> = {};
    for (const k of KEYS) {
      const v = values[k].trim();
      if (v) out[k] = k === "scheduler" ? v : Number(v);
    }
    return props.act(() => request(UpdateModelMutation, { key: props.model.key, defaults: out }), "Defaults saved.");
  };
  return (
    <form
      class="defaults-form"
      aria-label={`Defaults of ${props.model.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {KEYS.map((k) => (
        <Field key={k} label={LABELS[k]}>
          {(id) =>
            k === "scheduler" ? (
              <select id={id} value={values[k]} onChange={(e) => set(k, e.currentTarget.value)}>
                <option value="">(not set)</option>
                {SCHEDULERS.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            ) : (
              <input id={id} type="number" step={k === "cfgScale" ? "any" : 1} min={k === "cfgScale" ? 0 : 1} value={values[k]} onInput={(e) => set(k, e.currentTarget.value)} />
            )
          }
        </Field>
      ))}
      <button type="submit">Save defaults</button>
    </form>
  );
}

/** deleteModel refused the default or only model: it names force as the way through. */
function needsForce(error: unknown): boolean {
  return error instanceof ApiError && error.code === "CONFLICT" && error.message.includes("force: true");
}

function ModelRow(props: { model: Model; reload: () => void }) {
  const m = props.model;
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
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
  return (
    <li aria-label={`Model ${m.name}`} class="model-row">
      <strong>{m.name}</strong>
      <span class="muted">{m.key}</span>
      <span class="muted small">
        {m.type} · {m.base}
      </span>
      {m.isDefault ? <span class="badge">default</span> : null}
      {m.description ? <div class="small">{m.description}</div> : null}
      {m.type === "MAIN" ? <Defaults key={JSON.stringify(m.defaults)} model={m} act={act} /> : null}
      <div class="actions">
        {m.type === "MAIN" && !m.isDefault ? (
          <button type="button" onClick={() => void act(() => request(UpdateModelMutation, { key: m.key, isDefault: true }), "Now the default model.")}>
            Set as default
          </button>
        ) : null}
        <button type="button" class="destructive" aria-expanded={confirming} onClick={() => setConfirming(!confirming)}>
          Delete model
        </button>
      </div>
      {confirming ? (
        <div class="inline-form" role="group" aria-label={`Confirm deleting ${m.name}`}>
          <p>
            Delete {m.name}? {m.isDefault ? "Another model becomes the default. " : ""}Files you installed from your own path stay on disk.
          </p>
          <button type="button" class="destructive" onClick={() => void act(() => request(DeleteModelMutation, { key: m.key }), "Deleted.")}>
            Delete for good
          </button>
          {needsForce(error) ? (
            // The server keeps the default (or only) model unless told twice: this is the second time.
            <button type="button" class="destructive" onClick={() => void act(() => request(DeleteModelMutation, { key: m.key, force: true }), "Deleted.")}>
              Delete anyway
            </button>
          ) : null}
          <button type="button" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </div>
      ) : null}
      <ErrorMessage error={error} />
      {note ? <Notice tone="ok">{note}</Notice> : null}
    </li>
  );
}

function Install(props: { onInstalled: () => void }) {
  const [source, setSource] = useState("");
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const installing = useRef<string | null>(null);
  // Open while the page is: the first stages come before installModel answers.
  useEffect(
    () =>
      subscribe(ModelInstallProgressSubscription, {}, {
        next: (d) => {
          if (d.modelInstallProgress.source === installing.current) setProgress(d.modelInstallProgress);
        },
        error: (e: ApiError) => setError(e),
      }),
    [],
  );
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        if (!source.trim() || busy) return;
        setError(null);
        setDone(null);
        setProgress(null);
        setBusy(true);
        installing.current = source.trim();
        try {
          const input = { source: source.trim(), ...(name.trim() ? { name: name.trim() } : {}) };
          const { installModel } = await request(InstallModelMutation, { input });
          setDone(`Installed ${installModel.name} (${installModel.key}).`);
          setSource("");
          setName("");
          props.onInstalled();
        } catch (err) {
          setError(err);
        } finally {
          setBusy(false);
          installing.current = null;
        }
      }}
    >
      <h2>Install a model</h2>
      <Field label="Model path" hint="Absolute path on the server of a diffusers folder or a .safetensors/.ckpt file; it is registered in place, not copied.">
        {(id, hint) => <input id={id} type="text" autocomplete="off" aria-describedby={hint} value={source} onInput={(e) => setSource(e.currentTarget.value)} />}
      </Field>
      <Field label="Model name (optional)">{(id) => <input id={id} type="text" autocomplete="off" value={name} onInput={(e) => setName(e.currentTarget.value)} />}</Field>
      <button type="submit" class="primary" disabled={busy || !source.trim()}>
        Install model
      </button>
      {busy ? <Spinner label={progress ? `Installing: ${progress.stage}, ${progress.message}` : "Installing…"} /> : null}
      <ErrorMessage error={error} />
      {done ? <Notice tone="ok">{done}</Notice> : null}
    </form>
  );
}

export function AdminModelsScreen() {
  const [models, setModels] = useState<Model[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () => request(AdminModelsQuery).then((d) => setModels(d.models), setError);
  useEffect(() => void load(), []);
  return (
    <div class="profile-layout">
      <section class="card" aria-labelledby="models-title">
        <h1 id="models-title">Models</h1>
        <ErrorMessage error={error} />
        {models ? (
          models.length ? (
            <ul class="plain-list" aria-label="Models">
              {models.map((m) => (
                <ModelRow key={m.key} model={m} reload={load} />
              ))}
            </ul>
          ) : (
            <p class="muted">No models are installed.</p>
          )
        ) : (
          <Spinner label="Loading models…" />
        )}
      </section>
      <section class="card">
        <Install onInstalled={load} />
      </section>
    </div>
  );
}
