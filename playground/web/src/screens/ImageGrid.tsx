// The image grid. Only the rows near the viewport are in the DOM (a few hundred
// nodes whatever the count), so a board of 10,000 images scrolls like one of 100:
// tests/perf/bench_ui_gallery.py measures it. Thumbnails load lazily.
import { Component } from "preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { follow } from "../app/router";
import type { GalleryPageQuery as PageData } from "../gql/graphql";

export type ImageNode = PageData["images"]["edges"][number]["node"];
// Rows kept above and below the viewport, so a fast wheel never shows holes.
const OVERSCAN_ROWS = 4;
// One formatter for every tile: Date.toLocaleString builds one per call.
const WHEN = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

type TileProps = { image: ImageNode; position: number; total: number };

/** One thumbnail; it renders again only when its image or place changes. */
class Tile extends Component<TileProps> {
  override shouldComponentUpdate(next: TileProps): boolean {
    const p = this.props;
    return next.image !== p.image || next.position !== p.position || next.total !== p.total;
  }

  override render() {
    const { image, position, total } = this.props;
    const when = WHEN.format(new Date(image.createdAt));
    return (
      <li aria-posinset={position} aria-setsize={total}>
        <a href={`/view/${image.id}`} onClick={follow} class="tile">
          <img
            src={image.thumbnailUrl}
            alt={`Image ${image.width}×${image.height}, ${when}${image.starred ? ", starred" : ""}`}
            width={image.width}
            height={image.height}
            loading="lazy"
            decoding="async"
          />
          {image.starred ? (
            <span class="star" aria-hidden="true">
              ★
            </span>
          ) : null}
        </a>
      </li>
    );
  }
}

type View = { cols: number; tile: number; gap: number; first: number; last: number };

/** Columns as the CSS would lay them out (--tile-min, the column gap) and the rows in view. */
function measure(el: HTMLElement, count: number): View {
  const style = getComputedStyle(el);
  const gap = parseFloat(style.columnGap) || 0;
  const min = parseFloat(style.getPropertyValue("--tile-min")) || 140;
  const width = el.clientWidth;
  const cols = Math.max(1, Math.floor((width + gap) / (min + gap)));
  const tile = Math.max(1, (width - gap * (cols - 1)) / cols);
  const row = tile + gap;
  const top = el.getBoundingClientRect().top;
  const rows = Math.ceil(count / cols);
  const first = Math.max(0, Math.floor(-top / row) - OVERSCAN_ROWS);
  const last = Math.min(rows, Math.ceil((window.innerHeight - top) / row) + OVERSCAN_ROWS);
  return { cols, tile, gap, first, last };
}

const same = (a: View, b: View) =>
  a.cols === b.cols && a.tile === b.tile && a.gap === b.gap && a.first === b.first && a.last === b.last;

export function ImageGrid(props: { images: ImageNode[] }) {
  const ref = useRef<HTMLUListElement>(null);
  const [view, setView] = useState<View>({ cols: 6, tile: 140, gap: 8, first: 0, last: 6 });
  const count = props.images.length;

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    let frame = 0;
    const update = () => {
      frame = 0;
      const next = measure(el, count);
      setView((v) => (same(v, next) ? v : next));
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    window.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", schedule);
    const resized = "ResizeObserver" in window ? new ResizeObserver(schedule) : null;
    resized?.observe(el);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("scroll", schedule);
      window.removeEventListener("resize", schedule);
      resized?.disconnect();
    };
  }, [count]);

  const { cols, tile, gap, first, last } = view;
  const row = tile + gap;
  const rows = Math.ceil(count / cols);
  const shown = props.images.slice(first * cols, last * cols);
  return (
    <ul
      ref={ref}
      class="grid"
      aria-label="Images"
      style={{
        gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))`,
        gridAutoRows: `${tile}px`,
        paddingTop: `${first * row}px`,
        height: `${Math.max(0, rows * row - gap)}px`,
        boxSizing: "border-box",
      }}
    >
      {shown.map((image, i) => (
        <Tile key={image.id} image={image} position={first * cols + i + 1} total={count} />
      ))}
    </ul>
  );
}
