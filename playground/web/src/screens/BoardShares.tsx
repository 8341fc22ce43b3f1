// Who a board is shared with, for its owner, board ADMINs and site admins: share with
// a user at READ / WRITE / ADMIN, change a share's access, remove a share.
// shareBoard takes a user id. Only site admins may list users (and so look one up by
// email); everyone else gives the user id, which each user sees in their gallery.
import { useEffect, useState } from "preact/hooks";
import { ShareBoardMutation, ShareDirectoryQuery, UnshareBoardMutation, BoardSharesQuery } from "../api/boardOps";
import { ApiError } from "../api/errors";
import { request } from "../api/http";
import { ErrorMessage, Field, Notice } from "../components/ui";
import type { BoardAccess, BoardSharesQuery as SharesData } from "../gql/graphql";

type Shared = NonNullable<SharesData["board"]>;
type Share = Shared["shares"][number];
export type Person = { id: string; displayName: string };
const LEVELS: BoardAccess[] = ["READ", "WRITE", "ADMIN"];
const WHAT: Record<string, string> = {
  READ: "can see the board and its images",
  WRITE: "can also star, delete and add images",
  ADMIN: "can also rename, archive and share the board",
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The user id for what was typed: an id as is, an email (site admins only) looked up. */
async function resolve(text: string, isAdmin: boolean): Promise<string> {
  const wanted = text.trim();
  if (UUID.test(wanted)) return wanted;
  if (!wanted.includes("@")) throw new ApiError("BAD_USER_INPUT", "Enter the person's user ID (they find it in their gallery) or, as an admin, their email.");
  if (!isAdmin) throw new ApiError("BAD_USER_INPUT", "Only admins can look people up by email. Ask them for their user ID: it is shown in their gallery.");
  const { users } = await request(ShareDirectoryQuery);
  const hit = users.find((u) => u.email.toLowerCase() === wanted.toLowerCase());
  if (!hit) throw new ApiError("BAD_USER_INPUT", `No user has the email ${wanted}.`);
  return hit.id;
}

function ShareRow(props: { boardId: string; share: Share; onChanged: (b: Shared) => void }) {
  const { share } = props;
  const [error, setError] = useState<unknown>(null);
  const who = share.user.email ? `${share.user.displayName} (${share.user.email})` : share.user.displayName;
  const act = async (fn: () => Promise<Shared>) => {
    setError(null);
    try {
      props.onChanged(await fn());
    } catch (e) {
      setError(e);
    }
  };
  return (
    <li aria-label={`${share.user.displayName}: ${share.access}`} class="share-row">
      <span class="share-who">{who}</span>
      <Field label="Access" class="share-access">
        {(id) => (
          <select
            id={id}
            value={share.access}
            onChange={(e) => {
              const access = e.currentTarget.value as BoardAccess;
              void act(async () => (await request(ShareBoardMutation, { boardId: props.boardId, userId: share.user.id, access })).shareBoard);
            }}
          >
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button
        type="button"
        class="destructive"
        onClick={() => void act(async () => (await request(UnshareBoardMutation, { boardId: props.boardId, userId: share.user.id })).unshareBoard)}
      >
        Remove share
      </button>
      <ErrorMessage error={error} />
    </li>
  );
}

export function BoardShares(props: { boardId: string; boardName: string; isAdmin: boolean; people: Person[] }) {
  const [board, setBoard] = useState<Shared | null>(null);
  const [who, setWho] = useState("");
  const [access, setAccess] = useState<BoardAccess>("READ");
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setBoard(null);
    setError(null);
    setDone(null);
    request(BoardSharesQuery, { id: props.boardId }).then((d) => setBoard(d.board ?? null), setError);
  }, [props.boardId]);
  const changed = (b: Shared) => {
    setBoard(b);
    setDone(null);
  };
  const listId = `people-${props.boardId}`;

  return (
    <section class="board-shares" aria-labelledby={`shares-${props.boardId}`}>
      <h2 id={`shares-${props.boardId}`}>Sharing</h2>
      {board && board.shares.length === 0 ? <p class="muted">Not shared with anyone.</p> : null}
      {board && board.shares.length > 0 ? (
        <ul class="shares" aria-label={`People ${props.boardName} is shared with`}>
          {board.shares.map((s) => (
            <ShareRow key={s.user.id} boardId={props.boardId} share={s} onChanged={changed} />
          ))}
        </ul>
      ) : null}
      <form
        class="share-form"
        aria-label="Share this board"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!who.trim() || busy) return;
          setBusy(true);
          setError(null);
          setDone(null);
          try {
            const userId = await resolve(who, props.isAdmin);
            const { shareBoard } = await request(ShareBoardMutation, { boardId: props.boardId, userId, access });
            setBoard(shareBoard);
            const name = shareBoard.shares.find((s) => s.user.id === userId)?.user.displayName ?? "them";
            setDone(`Shared with ${name} (${access}).`);
            setWho("");
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Field
          label="Share with"
          hint={props.isAdmin ? "Their email address or user ID." : "Their user ID: they find it in their gallery, under Shared with me."}
        >
          {(id, hint) => (
            <input id={id} type="text" list={listId} autocomplete="off" aria-describedby={hint} value={who} onInput={(e) => setWho(e.currentTarget.value)} />
          )}
        </Field>
        <datalist id={listId}>
          {props.people.map((p) => (
            <option key={p.id} value={p.id} label={p.displayName} />
          ))}
        </datalist>
        <Field label="Access" hint={WHAT[access]}>
          {(id, hint) => (
            <select id={id} aria-describedby={hint} value={access} onChange={(e) => setAccess(e.currentTarget.value as BoardAccess)}>
              {LEVELS.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" disabled={!who.trim() || busy}>
          Share
        </button>
      </form>
      <ErrorMessage error={error} />
      {done ? <Notice tone="ok">{done}</Notice> : null}
    </section>
  );
}
