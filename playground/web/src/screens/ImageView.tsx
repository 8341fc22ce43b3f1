// One image: the picture, its metadata, star, move to board, delete, download and
// "Use these settings" (fills the Generate form), "Use as init image" (image-to-image).
import { useEffect, useState } from "preact/hooks";
import { request } from "../api/http";
import { BoardsQuery, DeleteImagesMutation, ImageDetailQuery, UpdateImageMutation } from "../api/ops";
import { applySettings, useAsInitImage } from "../app/form";
import { follow, navigate } from "../app/router";
import { phase$ } from "../app/session";
import { useStore } from "../app/store";
import { ErrorMessage, Field, Notice, Spinner } from "../components/ui";
import type { BoardsQuery as BoardsData, ImageDetailQuery as DetailData } from "../gql/graphql";

type Detail = NonNullable<DetailData["image"]>;
const SHOWN: [string, string][] = [
  ["prompt", "Prompt"],
  ["negativePrompt", "Negative prompt"],
  ["model", "Model"],
  ["steps", "Steps"],
  ["cfgScale", "CFG scale"],
  ["scheduler", "Scheduler"],
  ["seed", "Seed"],
];

function text(v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

export function ImageView(props: { id: string }) {
  const phase = useStore(phase$);
  const viewer = phase.kind === "app" ? phase.viewer : null;
  const [image, setImage] = useState<Detail | null>(null);
  const [boards, setBoards] = useState<BoardsData["boards"]>([]);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const [target, setTarget] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    setImage(null);
    setMissing(false);
    request(ImageDetailQuery, { id: props.id }).then(
      (d) => (d.image ? setImage(d.image) : setMissing(true)),
      (e) => (e?.code === "NOT_FOUND" ? setMissing(true) : setError(e)),
    );
  }, [props.id]);

  const mayMove = !!image && !!viewer && (image.owner.id === viewer.id || viewer.isAdmin);
  useEffect(() => {
    if (mayMove) request(BoardsQuery).then((d) => setBoards(d.boards.filter((b) => !b.archived && b.myAccess !== "READ")), () => {});
  }, [mayMove]);

  if (missing) {
    return (
      <p class="message error" role="alert">
        This image does not exist, or you cannot see it.
      </p>
    );
  }
  if (!image) return error ? <ErrorMessage error={error} /> : <Spinner label="Loading image…" />;

  // Star and delete: WRITE on the image's board (no board: its owner, or an admin).
  const canWrite = image.board ? image.board.myAccess !== "READ" : mayMove;
  const readOnly = image.board?.myAccess === "READ";
  const meta = (image.metadata && typeof image.metadata === "object" ? image.metadata : {}) as Record<string, unknown>;
  const run = async (fn: () => Promise<void>) => {
    setError(null);
    setDone(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    }
  };
  const back = image.board ? `/gallery/${encodeURIComponent(image.board.id)}` : "/gallery";

  return (
    <div class="image-layout">
      <figure class="card image-figure">
        <img src={image.url} alt={`Generated image: ${text(meta.prompt)}`} width={image.width} height={image.height} />
        <figcaption>
          {image.width}×{image.height}, {Math.round(image.sizeBytes / 1024)} KB, by {image.owner.displayName}, {new Date(image.createdAt).toLocaleString()}
        </figcaption>
      </figure>
      <section class="card" aria-labelledby="image-title">
        <div class="section-head">
          <h1 id="image-title">Image</h1>
          <a href={back} onClick={follow}>
            Back to {image.board ? image.board.name : "gallery"}
          </a>
        </div>
        {readOnly ? (
          <Notice>
            <strong>Read only</strong>: this image is on {image.board?.name}, shared with you to look at. You can download it or reuse its settings.
          </Notice>
        ) : null}
        {image.starred ? <p class="starred-note">★ Starred</p> : null}
        <dl class="meta">
          {SHOWN.map(([k, label]) => (
            <div key={k}>
              <dt>{label}</dt>
              <dd>{text(meta[k])}</dd>
            </div>
          ))}
          <div>
            <dt>Size</dt>
            <dd>
              {image.width}×{image.height}
            </dd>
          </div>
          <div>
            <dt>Board</dt>
            <dd>{image.board ? image.board.name : "Uncategorized"}</dd>
          </div>
        </dl>
        <div class="actions">
          <button
            type="button"
            class="primary"
            onClick={() => {
              applySettings(image.metadata, image.board && image.board.myAccess !== "READ" ? image.board.id : null);
              navigate("/");
            }}
          >
            Use these settings
          </button>
          <button
            type="button"
            onClick={() => {
              useAsInitImage(image.id, image.url);
              navigate("/");
            }}
          >
            Use as init image
          </button>
          {canWrite ? (
            <button
              type="button"
              onClick={() =>
                run(async () => {
                  const { updateImage } = await request(UpdateImageMutation, { id: image.id, starred: !image.starred });
                  setImage({ ...image, starred: updateImage.starred });
                  setDone(updateImage.starred ? "Starred." : "Star removed.");
                })
              }
            >
              <span aria-hidden="true">{image.starred ? "★" : "☆"}</span>
              {image.starred ? "Unstar" : "Star"}
            </button>
          ) : null}
          <a class="button" href={new URL(image.url, location.href).href} download={`gql-invoke-${image.id}.png`}>
            Download
          </a>
        </div>
        {mayMove ? (
          <form
            class="move"
            onSubmit={(e) => {
              e.preventDefault();
              void run(async () => {
                const { updateImage } = await request(UpdateImageMutation, target ? { id: image.id, boardId: target } : { id: image.id, clearBoard: true });
                setImage({ ...image, board: updateImage.board ?? null });
                setDone(`Moved to ${updateImage.board ? updateImage.board.name : "Uncategorized"}.`);
              });
            }}
          >
            <Field label="Move to board">
              {(id) => (
                <select id={id} value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
                  <option value="">Uncategorized</option>
                  {boards.map((b) => (
                    <option key={b.id} value={b.id}>
                      {b.name}
                      {b.myAccess === "OWNER" ? "" : ` (${b.owner.displayName})`}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="submit">Move to board</button>
          </form>
        ) : canWrite ? (
          <p class="hint">Only {image.owner.displayName}, who made it, or an admin can move this image to another board.</p>
        ) : null}
        {canWrite ? (
          <div class="danger">
            {confirming ? (
              <>
                <span>Delete this image for good?</span>
                <button
                  type="button"
                  class="destructive"
                  onClick={() =>
                    run(async () => {
                      await request(DeleteImagesMutation, { ids: [image.id] });
                      navigate(back);
                    })
                  }
                >
                  Yes, delete
                </button>
                <button type="button" onClick={() => setConfirming(false)}>
                  Keep it
                </button>
              </>
            ) : (
              <button type="button" class="destructive" onClick={() => setConfirming(true)}>
                Delete image
              </button>
            )}
          </div>
        ) : null}
        <ErrorMessage error={error} />
        {done ? <Notice tone="ok">{done}</Notice> : null}
      </section>
    </div>
  );
}
