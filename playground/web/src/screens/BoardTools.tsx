// Creating boards, and for a board the viewer owns or administers: rename, public
// or private, archive, delete (its images go back to their owners' Uncategorized).
import { useEffect, useState } from "preact/hooks";
import { request } from "../api/http";
import { CreateBoardMutation, DeleteBoardMutation, UpdateBoardMutation } from "../api/ops";
import { navigate } from "../app/router";
import { ErrorMessage, Field } from "../components/ui";
import type { GalleryPageQuery } from "../gql/graphql";

export type Board = GalleryPageQuery["boards"][number];

export function NewBoard(props: { onCreated: (b: Board) => void }) {
  const [name, setName] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      class="new-board"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!name.trim() || busy) return;
        setBusy(true);
        setError(null);
        try {
          const { createBoard } = await request(CreateBoardMutation, { name: name.trim() });
          setName("");
          props.onCreated(createBoard);
        } catch (err) {
          setError(err);
        } finally {
          setBusy(false);
        }
      }}
    >
      <Field label="New board name">
        {(id) => <input id={id} type="text" maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />}
      </Field>
      <button type="submit" disabled={!name.trim() || busy}>
        Create board
      </button>
      <ErrorMessage error={error} />
    </form>
  );
}

export function BoardSettings(props: { board: Board; onChanged: (b: Board | null) => void }) {
  const { board } = props;
  const [name, setName] = useState(board.name);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    setName(board.name);
    setConfirming(false);
    setError(null);
  }, [board.id, board.name]);
  if (board.myAccess !== "OWNER" && board.myAccess !== "ADMIN") return null;

  const update = async (vars: { name?: string; archived?: boolean; isPublic?: boolean }) => {
    setError(null);
    try {
      const { updateBoard } = await request(UpdateBoardMutation, { id: board.id, ...vars });
      props.onChanged(updateBoard);
      if (updateBoard.archived) navigate("/gallery");
    } catch (e) {
      setError(e);
    }
  };

  return (
    <details class="board-settings">
      <summary>Board settings</summary>
      <form
        class="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim() && name.trim() !== board.name) void update({ name: name.trim() });
        }}
      >
        <Field label="Board name">
          {(id) => <input id={id} type="text" maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />}
        </Field>
        <button type="submit" disabled={!name.trim() || name.trim() === board.name}>
          Rename
        </button>
      </form>
      <div class="check">
        <input id={`public-${board.id}`} type="checkbox" checked={board.isPublic} onChange={(e) => void update({ isPublic: e.currentTarget.checked })} />
        <label for={`public-${board.id}`}>Public (every signed-in user can see it)</label>
      </div>
      <div class="actions">
        <button type="button" onClick={() => void update({ archived: true })}>
          Archive board
        </button>
        {confirming ? (
          <>
            <button
              type="button"
              class="destructive"
              onClick={async () => {
                try {
                  await request(DeleteBoardMutation, { id: board.id });
                  props.onChanged(null);
                  navigate("/gallery");
                } catch (e) {
                  setError(e);
                }
              }}
            >
              Yes, delete the board
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </>
        ) : (
          <button type="button" class="destructive" onClick={() => setConfirming(true)}>
            Delete board
          </button>
        )}
      </div>
      <p class="hint">Deleting a board keeps its images: they go back to Uncategorized.</p>
      <ErrorMessage error={error} />
    </details>
  );
}
