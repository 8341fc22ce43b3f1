// Boards (mine, shared with me, public) with cover and count, and the image grid:
// lazy thumbnails, cursor paging as the grid scrolls, new images live.
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { request } from "../api/http";
import { GalleryPageQuery, ImagesPageQuery } from "../api/ops";
import { follow, navigate, useLocation } from "../app/router";
import { phase$ } from "../app/session";
import { useStore } from "../app/store";
import { ErrorMessage, Spinner } from "../components/ui";
import type { GalleryPageQuery as PageData } from "../gql/graphql";
import { onImageAdded } from "../live/queue";
import { ImageGrid, type ImageNode } from "./ImageGrid";
import { BoardSettings, NewBoard } from "./BoardTools";
import { UploadZone } from "./UploadImages";

type Board = PageData["boards"][number];

export type Selection = { kind: "all" } | { kind: "uncategorized" } | { kind: "board"; id: string };

export function selectionOf(path: string): Selection {
  const rest = path.replace(/^\/gallery\/?/, "");
  if (!rest) return { kind: "all" };
  if (rest === "uncategorized") return { kind: "uncategorized" };
  return { kind: "board", id: decodeURIComponent(rest.split("/")[0] ?? "") };
}

function variables(sel: Selection, after: string | null) {
  return {
    boardId: sel.kind === "board" ? sel.id : null,
    uncategorized: sel.kind === "uncategorized",
    after,
  };
}

const GROUPS = ["My boards", "Shared with me", "Public", "Everyone else's"] as const;
type Group = (typeof GROUPS)[number];

function group(board: Board): Group {
  if (board.myAccess === "OWNER") return "My boards";
  if (board.myAccess === "ADMIN" && !board.isPublic) return "Everyone else's";
  if (board.isPublic && board.myAccess === "READ") return "Public";
  return "Shared with me";
}

function BoardList(props: { boards: Board[]; sel: Selection; viewerId: string | null; onCreated: (b: Board) => void }) {
  const groups = new Map<Group, Board[]>(GROUPS.map((g) => [g, []]));
  for (const b of props.boards) {
    if (!b.archived) groups.get(group(b))?.push(b);
  }
  const link = (href: string, label: string, current: boolean, board?: Board) => (
    <li key={href}>
      <a href={href} onClick={follow} class="board-link" aria-current={current ? "page" : undefined}>
        {board?.coverImage ? (
          <img src={board.coverImage.thumbnailUrl} alt="" width={40} height={40} loading="lazy" decoding="async" />
        ) : (
          <span class="cover-empty" aria-hidden="true" />
        )}
        <span class="board-name">{label}</span>
        {board ? (
          <span class="count" aria-label={`${board.imageCount} images`}>
            {board.imageCount}
          </span>
        ) : null}
        {board && board.myAccess !== "OWNER" ? <span class="owner">{board.owner.displayName}</span> : null}
      </a>
    </li>
  );
  return (
    <nav class="card boards" aria-label="Boards">
      <ul>
        {link("/gallery", "All images", props.sel.kind === "all")}
        {link("/gallery/uncategorized", "Uncategorized", props.sel.kind === "uncategorized")}
      </ul>
      {[...groups].map(([name, list]) =>
        list.length === 0 && name !== "Shared with me" ? null : (
          <div key={name} role="group" aria-label={name}>
            <h3>{name}</h3>
            {list.length > 0 ? (
              <ul>{list.map((b) => link(`/gallery/${encodeURIComponent(b.id)}`, b.name, props.sel.kind === "board" && props.sel.id === b.id, b))}</ul>
            ) : (
              <p class="hint">Nothing shared with you yet.</p>
            )}
            {name === "Shared with me" && props.viewerId ? (
              <p class="hint user-id">
                To have a board shared with you, give its owner your user ID: <code>{props.viewerId}</code>
              </p>
            ) : null}
          </div>
        ),
      )}
      <NewBoard onCreated={props.onCreated} />
    </nav>
  );
}

function belongs(image: ImageNode, sel: Selection, viewerId: string | null): boolean {
  if (sel.kind === "all") return true;
  if (sel.kind === "uncategorized") return !image.board && image.owner.id === viewerId;
  return image.board?.id === sel.id;
}

/** Everyone the viewer knows of from the boards they see, to share with. */
function people(boards: Board[], viewerId: string | null): { id: string; displayName: string }[] {
  const found = new Map<string, string>();
  for (const b of boards) if (b.owner.id !== viewerId) found.set(b.owner.id, b.owner.displayName);
  return [...found].map(([id, displayName]) => ({ id, displayName }));
}

export function GalleryScreen() {
  const { path } = useLocation();
  const sel = selectionOf(path);
  const key = JSON.stringify(sel);
  const phase = useStore(phase$);
  const viewer = phase.kind === "app" ? phase.viewer : null;
  const viewerId = viewer?.id ?? null;
  const [boards, setBoards] = useState<Board[] | null>(null);
  const [images, setImages] = useState<ImageNode[]>([]);
  const [total, setTotal] = useState(0);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const generation = useRef(0);

  useEffect(() => {
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    setImages([]);
    const load: Promise<{ images: PageData["images"]; boards?: Board[] }> = boards
      ? request(ImagesPageQuery, variables(sel, null))
      : request(GalleryPageQuery, variables(sel, null));
    load.then(
      (data) => {
        if (mine !== generation.current) return;
        if (data.boards) setBoards(data.boards);
        setImages(data.images.edges.map((e) => e.node));
        setTotal(data.images.totalCount);
        setNext(data.images.pageInfo.hasNextPage ? (data.images.pageInfo.endCursor ?? null) : null);
        setLoading(false);
      },
      (e) => {
        if (mine !== generation.current) return;
        setError(e);
        setLoading(false);
      },
    );
  }, [key]);

  useEffect(
    () =>
      onImageAdded((image) => {
        if (belongs(image, sel, viewerId)) add(image);
      }),
    [key, viewerId],
  );

  // An upload arrives twice (its answer and the live imageAdded): count it once.
  function add(image: ImageNode) {
    setImages((list) => {
      if (list.some((i) => i.id === image.id)) return list;
      setTotal((t) => t + 1);
      return [image, ...list];
    });
  }

  const more = async () => {
    if (!next || loading) return;
    const mine = generation.current;
    setLoading(true);
    try {
      const data = await request(ImagesPageQuery, variables(sel, next));
      if (mine !== generation.current) return;
      setImages((list) => {
        const seen = new Set(list.map((i) => i.id));
        return [...list, ...data.images.edges.map((e) => e.node).filter((n) => !seen.has(n.id))];
      });
      setNext(data.images.pageInfo.hasNextPage ? (data.images.pageInfo.endCursor ?? null) : null);
    } catch (e) {
      setError(e);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  };

  // Next page when the end of the grid comes near.
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !next || !("IntersectionObserver" in window)) return undefined;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && void more(), { rootMargin: "800px" });
    io.observe(el);
    return () => io.disconnect();
  }, [next, loading, key]);

  const current = sel.kind === "board" ? boards?.find((b) => b.id === sel.id) : undefined;
  const title = sel.kind === "all" ? "All images" : sel.kind === "uncategorized" ? "Uncategorized" : (current?.name ?? "Board");
  // Uploads go to the board on screen when the viewer may add to it, else Uncategorized.
  const canUpload = sel.kind !== "board" || (current !== undefined && current.myAccess !== "READ");
  const uploaded = (image: ImageNode) => {
    if (belongs(image, sel, viewerId)) add(image);
  };

  return (
    <div class="gallery-layout">
      {boards ? (
        <BoardList
          boards={boards}
          sel={sel}
          viewerId={viewerId}
          onCreated={(b) => {
            setBoards((list) => [b, ...(list ?? [])]);
            navigate(`/gallery/${encodeURIComponent(b.id)}`);
          }}
        />
      ) : (
        <div class="card boards" />
      )}
      <Uploadable
        enabled={canUpload}
        boardId={sel.kind === "board" ? sel.id : null}
        onUploaded={uploaded}
        head={
          <div class="section-head">
            <h1 id="gallery-title">{title}</h1>
            {current && current.myAccess !== "OWNER" ? <span class="muted">by {current.owner.displayName}</span> : null}
            <span class="muted">{total === 1 ? "1 image" : `${total} images`}</span>
          </div>
        }
      >
        {current ? (
          <BoardSettings
            board={current}
            viewer={viewer}
            people={people(boards ?? [], viewerId)}
            onChanged={(b) =>
              setBoards((list) => (list ?? []).flatMap((x) => (x.id !== current.id ? [x] : b && !b.archived ? [b] : [])))
            }
          />
        ) : null}
        <ErrorMessage error={error} />
        {images.length === 0 && !loading && !error ? <p class="muted">No images here yet.</p> : null}
        <ImageGrid images={images} />
        <div ref={sentinel} />
        {loading ? <Spinner label="Loading images…" /> : null}
        {next && !loading ? (
          <button type="button" onClick={more}>
            Load more images
          </button>
        ) : null}
      </Uploadable>
    </div>
  );
}

function Uploadable(props: {
  enabled: boolean;
  boardId: string | null;
  onUploaded: (image: ImageNode) => void;
  head: ComponentChildren;
  children: ComponentChildren;
}) {
  if (!props.enabled) {
    return (
      <section class="card gallery" aria-labelledby="gallery-title">
        {props.head}
        {props.children}
      </section>
    );
  }
  return (
    <UploadZone boardId={props.boardId} onUploaded={props.onUploaded} head={props.head}>
      {props.children}
    </UploadZone>
  );
}
