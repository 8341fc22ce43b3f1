// The Generate form's LoRA picker (each with a weight, at most five) and VAE picker.
// Only models of the selected model's base are offered; the server checks again.
import { useState } from "preact/hooks";
import { MAX_LORAS, form$ } from "../app/form";
import { useStore } from "../app/store";
import { Field } from "../components/ui";
import type { GenerateFormQuery } from "../gql/graphql";

type Model = GenerateFormQuery["models"][number];

function fits(m: Model, base: string | undefined): boolean {
  return !base || m.base === "ANY" || m.base === base || (m.type === "VAE" && m.base === "SD1" && base === "SD2");
}

export function ExtraModelFields(props: { models: Model[]; base: string | undefined }) {
  const f = useStore(form$);
  const loras = props.models.filter((m) => m.type === "LORA" && fits(m, props.base));
  const vaes = props.models.filter((m) => m.type === "VAE" && fits(m, props.base));
  const unused = loras.filter((m) => !f.loras.some((l) => l.model === m.key));
  const [pick, setPick] = useState("");
  const nameOf = (key: string) => props.models.find((m) => m.key === key)?.name ?? key;
  const setLoras = (next: typeof f.loras) => form$.set((v) => ({ ...v, loras: next }));
  if (loras.length === 0 && vaes.length === 0 && f.loras.length === 0 && !f.vae) return null;

  return (
    <fieldset class="extra-models">
      <legend>LoRAs and VAE</legend>
      {f.loras.map((l, i) => (
        <div class="row lora-row" key={l.model}>
          <Field label={`LoRA weight: ${nameOf(l.model)}`} hint="-2 to 2">
            {(id, hintId) => (
              <input
                id={id}
                type="number"
                min={-2}
                max={2}
                step={0.05}
                inputMode="decimal"
                aria-describedby={hintId}
                value={l.weight}
                onInput={(e) => setLoras(f.loras.map((x, j) => (j === i ? { ...x, weight: e.currentTarget.value } : x)))}
              />
            )}
          </Field>
          <button type="button" aria-label={`Remove LoRA ${nameOf(l.model)}`} onClick={() => setLoras(f.loras.filter((_x, j) => j !== i))}>
            Remove
          </button>
        </div>
      ))}
      {loras.length > 0 && f.loras.length < MAX_LORAS ? (
        <div class="row">
          <Field label="LoRA">
            {(id) => (
              <select id={id} value={pick} onChange={(e) => setPick(e.currentTarget.value)}>
                <option value="">Choose a LoRA…</option>
                {unused.map((m) => (
                  <option key={m.key} value={m.key}>
                    {m.name} ({m.base})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button
            type="button"
            disabled={!pick}
            onClick={() => {
              setLoras([...f.loras, { model: pick, weight: "1" }]);
              setPick("");
            }}
          >
            Add LoRA
          </button>
        </div>
      ) : null}
      <Field label="VAE">
        {(id) => (
          <select id={id} value={f.vae} onChange={(e) => form$.set((v) => ({ ...v, vae: e.currentTarget.value }))}>
            <option value="">The model's own VAE</option>
            {vaes.map((m) => (
              <option key={m.key} value={m.key}>
                {m.name} ({m.base})
              </option>
            ))}
          </select>
        )}
      </Field>
    </fieldset>
  );
}
