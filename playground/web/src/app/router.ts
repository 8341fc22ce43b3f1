// Client-side routes over the History API; the server answers every such path with
// index.html (gql_invoke/web_routes.py).
import type { TargetedMouseEvent } from "preact";
import { store, useStore } from "./store";

export const location$ = store(window.location.pathname + window.location.search);

export function navigate(to: string, replace = false): void {
  if (to === location$.get()) return;
  if (replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  location$.set(to);
  window.scrollTo(0, 0);
}

window.addEventListener("popstate", () => location$.set(window.location.pathname + window.location.search));

export function useLocation(): { path: string; query: URLSearchParams } {
  const full = useStore(location$);
  const [path, search = ""] = full.split("?");
  return { path: path || "/", query: new URLSearchParams(search) };
}

/** onClick for <a href>: navigates in the page unless a modifier asks for a new tab. */
export function follow(event: TargetedMouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(event.currentTarget.getAttribute("href") ?? "/");
}
