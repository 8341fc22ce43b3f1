// "Upload image" in the gallery: a file picker, and dropping files anywhere on the
// gallery. Uploads go to the board on screen (or Uncategorized) one after another.
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { ApiError } from "../api/errors";
import { UPLOAD_TYPES, type UploadedImage, uploadImage } from "../api/upload";
import { ErrorMessage } from "../components/ui";

type Props = {
  boardId: string | null;
  onUploaded: (image: UploadedImage) => void;
  head: ComponentChildren;
  children: ComponentChildren;
};

/** The gallery section wrapped as a drop zone, with the upload button and its status. */
export function UploadZone(props: Props) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [over, setOver] = useState(false);

  const send = async (files: File[]) => {
    setError(null);
    for (const file of files) {
      if (!UPLOAD_TYPES.includes(file.type)) {
        setError(new ApiError("BAD_USER_INPUT", `${file.name} is not a PNG, JPEG or WebP image`));
        continue;
      }
      setBusy(`Uploading ${file.name}…`);
      try {
        props.onUploaded(await uploadImage(file, props.boardId));
      } catch (e) {
        setError(e);
      }
    }
    setBusy(null);
  };

  return (
    <section
      class={`card gallery${over ? " drop-target" : ""}`}
      aria-labelledby="gallery-title"
      onDragOver={(e) => {
        if (!e.dataTransfer?.types.includes("Files")) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        const files = [...(e.dataTransfer?.files ?? [])];
        if (files.length === 0) return;
        e.preventDefault();
        setOver(false);
        void send(files);
      }}
    >
      {props.head}
      <div class="upload-row">
        <label class="button">
          Upload image
          <input
            type="file"
            class="sr-only"
            accept={UPLOAD_TYPES.join(",")}
            multiple
            disabled={busy !== null}
            onChange={(e) => {
              const input = e.currentTarget;
              const files = [...(input.files ?? [])];
              input.value = "";
              void send(files);
            }}
          />
        </label>
        <span class="hint">or drop PNG, JPEG or WebP files on the gallery</span>
        {busy ? (
          <span role="status" class="muted">
            {busy}
          </span>
        ) : null}
      </div>
      <ErrorMessage error={error} />
      {props.children}
    </section>
  );
}
