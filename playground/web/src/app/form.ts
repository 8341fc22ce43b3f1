// The Generate form's values, kept across pages and reloads; "Use these settings"
// in the image view fills it.
import type { Scheduler } from "../gql/graphql";
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
}

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
  }));
}
