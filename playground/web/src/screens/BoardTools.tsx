// Creating boards, and for a board the viewer owns or administers: rename, public
// or private, archive, delete (its images go back to their owners' Uncategorized),
// sharing. Others see what their access lets them do (READ: a "Read only" note).
import { useEffect, useState } from "preact/hooks";
import { UnshareBoardMutation } from "../api/boardOps";
import { request } from "../api/http";
import { CreateBoardMutation, DeleteBoardMutation, UpdateBoardMutation } from "../api/ops";
import { navigate } from "../app/router";
import { ErrorMessage, Field, Notice } from "../components/ui";
import type { GalleryPageQuery } from "../gql/graphql";
import { BoardShares, type Person } from "./BoardShares";

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

/** What a viewer without ADMIN on the board may do there, and leaving a board shared with them. */
function AccessNote(props: { board: Board; viewerId: string | null; onLeft: () => void }) {
  const { board } = props;
  const [error, setError] = useState<unknown>(null);
  const shared = !board.isPublic && props.viewerId !== null;
  return (
    <div class="access-note">
      {board.myAccess === "READ" ? (
        <Notice>
          <strong>Read only</strong>: {board.owner.displayName} shared this board with you to look at. You cannot rename it or change its images.
        </Notice>
      ) : (
        <Notice>
          <strong>You can add images</strong> to {board.owner.displayName}'s board and star or delete images in it.
        </Notice>
      )}
      {shared ? (
        <button
          type="button"
          onClick={async () => {
            setError(null);
            try {
              await request(UnshareBoardMutation, { boardId: board.id, userId: props.viewerId ?? "" });
              props.onLeft();
              navigate("/gallery");
            } catch (e) {
              setError(e);
            }
          }}
        >
          Leave this board
        </button>
      ) : null}
      <ErrorMessage error={error} />
    </div>
  );
}

export function BoardSettings(props: {
  board: Board;
  onChanged: (b: Board | null) => void;
  viewer: { id: string; isAdmin: boolean } | null;
  people: Person[];
}) {
  const { board } = props;
  const [name, setName] = useState(board.name);
  const [error, setError] = useState<unknown>(null);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    setName(board.name);
    setConfirming(false);
    setError(null);
  }, [board.id, board.name]);
  if (board.myAccess !== "OWNER" && board.myAccess !== "ADMIN") {
    return <AccessNote board={board} viewerId={props.viewer?.id ?? null} onLeft={() => props.onChanged(null)} />;
  }

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
    <>
    <section class="board-settings" aria-label="Board settings">
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
    </section>
    <BoardShares boardId={board.id} boardName={board.name} isAdmin={props.viewer?.isAdmin ?? false} people={props.people} />
    </>
  );
}
