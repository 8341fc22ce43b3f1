// The Generate form's values, kept across pages and reloads; "Use these settings"
// in the image view fills it.
import type { GenerationInput, Scheduler } from "../gql/graphql";
import { onSignOut } from "./session";
import { store } from "./store";

export interface FormValues {
  prompt: string;
  negativePrompt: string;
  model: string; // "" = the server's default model
  width: string;
  height: string;
  steps: string;
  cfgScale: string;
  scheduler: Scheduler | "";
  seed: string; // "" = random
  runs: string;
  boardId: string; // "" = Uncategorized
  initImageId: string; // "" = text-to-image
  initImageUrl: string; // shown beside the form (a signed URL; may expire)
  strength: string; // 0..1, how much of the init image is redrawn
  maskImageId: string; // "" = no inpainting
  loras: LoraChoice[];
  vae: string; // "" = the model's own
}

export interface LoraChoice {
  model: string;
  weight: string;
}

export const MAX_LORAS = 5;

const KEY = "gql-invoke.generate-form";

export const blankForm: FormValues = {
  prompt: "",
  negativePrompt: "",
  model: "",
  width: "",
  height: "",
  steps: "",
  cfgScale: "",
  scheduler: "",
  seed: "",
  runs: "1",
  boardId: "",
  initImageId: "",
  initImageUrl: "",
  strength: "0.75",
  maskImageId: "",
  loras: [],
  vae: "",
};

function load(): FormValues {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? "null");
    if (saved && typeof saved === "object") return { ...blankForm, ...saved };
  } catch {
    // unreadable or no storage: start blank
  }
  return { ...blankForm };
}

export const form$ = store<FormValues>(load());
form$.subscribe((v) => {
  try {
    localStorage.setItem(KEY, JSON.stringify(v));
  } catch {
    // storage full or disabled: the form still works for this page
  }
});

// A shared computer: the next person to sign in does not get this one's prompt.
onSignOut(() => form$.set({ ...blankForm }));

export const SCHEDULERS: Scheduler[] = ["EULER", "EULER_A", "DDIM", "DPMPP_2M", "LMS", "PNDM"];

/** Fills the form from an image's metadata (the GenerationInput it was made with). */
export function applySettings(metadata: unknown, boardId: string | null): void {
  const m = (metadata && typeof metadata === "object" ? metadata : {}) as Record<string, unknown>;
  const str = (v: unknown) => (v === undefined || v === null ? "" : String(v));
  const scheduler = SCHEDULERS.includes(m.scheduler as Scheduler) ? (m.scheduler as Scheduler) : "";
  form$.set((f) => ({
    ...f,
    prompt: str(m.prompt),
    negativePrompt: str(m.negativePrompt),
    model: str(m.model),
    width: str(m.width),
    height: str(m.height),
    steps: str(m.steps),
    cfgScale: str(m.cfgScale),
    scheduler,
    seed: str(m.seed),
    runs: "1",
    boardId: boardId ?? "",
    initImageId: str(m.initImageId),
    initImageUrl: "",
    strength: m.strength === undefined || m.strength === null ? "0.75" : String(m.strength),
    maskImageId: str(m.maskImageId),
    loras: Array.isArray(m.loras)
      ? m.loras.map((l: { model?: unknown; weight?: unknown }) => ({ model: str(l.model), weight: str(l.weight ?? 1) }))
      : [],
    vae: str(m.vae),
  }));
}

/** "Use as init image": the next generation starts from this image (no mask yet). */
export function useAsInitImage(id: string, url: string): void {
  form$.set((f) => ({ ...f, initImageId: id, initImageUrl: url, maskImageId: "", width: "", height: "" }));
}

/** The image fields of a GenerationInput, or the sentence saying what to fix. */
export function sourceInput(f: FormValues): Partial<GenerationInput> | string {
  const loras = [];
  for (const l of f.loras) {
    const weight = l.weight.trim() === "" ? 1 : Number(l.weight);
    if (!Number.isFinite(weight) || weight < -2 || weight > 2) return "LoRA weights must be from -2 to 2.";
    loras.push({ model: l.model, weight });
  }
  if (loras.length > MAX_LORAS) return `At most ${MAX_LORAS} LoRAs.`;
  if (!f.initImageId) return { loras, vae: f.vae || null };
  const strength = f.strength.trim() === "" ? 0.75 : Number(f.strength);
  if (!Number.isFinite(strength) || strength < 0 || strength > 1) return "Strength must be from 0 to 1.";
  return { initImageId: f.initImageId, strength, maskImageId: f.maskImageId || null, loras, vae: f.vae || null };
}
