// Image-to-image and inpainting on the Generate form: the init image ("Use as init
// image" in the image view puts it here), the strength slider, and a brush to paint
// the mask over it (white = repaint). The painted mask is uploaded as an image and
// sent as maskImageId.
import { useRef, useState } from "preact/hooks";
import { uploadPng } from "../api/upload";
import { form$ } from "../app/form";
import { useStore } from "../app/store";
import { ErrorMessage, Field, Notice } from "../components/ui";

export function InitImageFields() {
  const f = useStore(form$);
  const [painting, setPainting] = useState(false);
  if (!f.initImageId) return null;
  const set = (patch: Partial<typeof f>) => form$.set((v) => ({ ...v, ...patch }));
  return (
    <fieldset class="init-image">
      <legend>Init image</legend>
      {f.initImageUrl && !painting ? <img class="init-preview" src={f.initImageUrl} alt="The init image" /> : null}
      {!f.initImageUrl ? <p class="hint">Image {f.initImageId}</p> : null}
      <Field label={`Strength: ${f.strength || "0.75"}`} hint="0 keeps the init image, 1 redraws all of it.">
        {(id, hintId) => (
          <input
            id={id}
            type="range"
            min={0}
            max={1}
            step={0.05}
            aria-describedby={hintId}
            value={f.strength || "0.75"}
            onInput={(e) => set({ strength: e.currentTarget.value })}
          />
        )}
      </Field>
      {f.maskImageId ? <Notice tone="ok">A mask is set: only its white part is repainted.</Notice> : null}
      <div class="row">
        {f.initImageUrl ? (
          <button type="button" aria-pressed={painting} onClick={() => setPainting(!painting)}>
            {painting ? "Close the mask brush" : "Paint mask"}
          </button>
        ) : null}
        {f.maskImageId ? (
          <button type="button" onClick={() => set({ maskImageId: "" })}>
            Remove mask
          </button>
        ) : null}
        <button type="button" onClick={() => set({ initImageId: "", initImageUrl: "", maskImageId: "" })}>
          Remove init image
        </button>
      </div>
      {painting ? <MaskPainter url={f.initImageUrl} onDone={() => setPainting(false)} /> : null}
    </fieldset>
  );
}

function MaskPainter(props: { url: string; onDone: () => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState<[number, number] | null>(null);
  const [brush, setBrush] = useState("16");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const drawing = useRef(false);

  function paint(e: PointerEvent) {
    const c = canvas.current;
    if (!c || !drawing.current) return;
    const box = c.getBoundingClientRect();
    // The canvas has the image's own pixels; it is shown scaled to fit.
    const x = ((e.clientX - box.left) * c.width) / box.width;
    const y = ((e.clientY - box.top) * c.height) / box.height;
    const ctx = c.getContext("2d");
    if (!ctx) return;
    ctx.fillStyle = "#ffffff";
    ctx.beginPath();
    ctx.arc(x, y, (Number(brush) * c.width) / Math.max(box.width, 1), 0, 2 * Math.PI);
    ctx.fill();
  }

  async function useMask() {
    const c = canvas.current;
    if (!c) return;
    // Black where nothing was painted, white where it was.
    const out = document.createElement("canvas");
    out.width = c.width;
    out.height = c.height;
    const ctx = out.getContext("2d");
    if (!ctx) return;
    ctx.fillStyle = "#000000";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(c, 0, 0);
    setBusy(true);
    setError(null);
    try {
      const blob = await new Promise<Blob>((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error("no PNG"))), "image/png"));
      const uploaded = await uploadPng(blob, "mask.png");
      form$.set((v) => ({ ...v, maskImageId: uploaded.id }));
      props.onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="mask-painter">
      <p class="hint" id="mask-help">
        Paint over the parts to repaint (shown in white); the rest is kept.
      </p>
      <div class="mask-stack">
        <img src={props.url} alt="The init image under the mask" onLoad={(e) => setSize([e.currentTarget.naturalWidth, e.currentTarget.naturalHeight])} />
        {size ? (
          <canvas
            ref={canvas}
            width={size[0]}
            height={size[1]}
            role="img"
            aria-label="Mask canvas: paint with the pointer"
            aria-describedby="mask-help"
            onPointerDown={(e) => {
              drawing.current = true;
              e.currentTarget.setPointerCapture(e.pointerId);
              paint(e);
            }}
            onPointerMove={paint}
            onPointerUp={() => (drawing.current = false)}
          />
        ) : null}
      </div>
      <div class="row">
        <Field label="Brush size">
          {(id) => <input id={id} type="range" min={2} max={64} step={1} value={brush} onInput={(e) => setBrush(e.currentTarget.value)} />}
        </Field>
        <button type="button" onClick={() => canvas.current?.getContext("2d")?.clearRect(0, 0, canvas.current.width, canvas.current.height)}>
          Clear mask
        </button>
        <button type="button" class="primary" disabled={busy} onClick={useMask}>
          {busy ? "Saving the mask…" : "Use this mask"}
        </button>
      </div>
      <ErrorMessage error={error} />
    </div>
  );
}
