// The frame around every page: navigation, the queue badge, the account menu.
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { follow, useLocation } from "../app/router";
import { signOut, type Viewer } from "../app/session";
import { QueueBadge } from "./QueuePanel";

const NAV = [
  { href: "/", label: "Generate" },
  { href: "/queue", label: "Queue" },
  { href: "/gallery", label: "Gallery" },
];

// Admins only; users and the audit log mean nothing in single-user mode.
const ADMIN_NAV = [
  { href: "/admin/users", label: "Users", multiuserOnly: true },
  { href: "/admin/models", label: "Models", multiuserOnly: false },
  { href: "/admin/queue", label: "All jobs", multiuserOnly: false },
  { href: "/admin/audit", label: "Audit log", multiuserOnly: true },
];

export function Shell(props: { viewer: Viewer; multiuser: boolean; children: ComponentChildren }) {
  const { path } = useLocation();
  const [busy, setBusy] = useState(false);
  const nav = [...NAV, ...(props.viewer.isAdmin ? (props.multiuser ? ADMIN_NAV : ADMIN_NAV.filter((n) => !n.multiuserOnly)) : [])];
  const current = (href: string) => (href === "/" ? path === "/" : path === href || path.startsWith(`${href}/`));
  const leave = async (everywhere: boolean) => {
    setBusy(true);
    await signOut(everywhere);
  };
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="topbar">
        <a class="brand" href="/" onClick={follow}>
          gql-invoke
        </a>
        <nav aria-label="Main">
          <ul>
            {nav.map((n) => (
              <li key={n.href}>
                <a href={n.href} onClick={follow} aria-current={current(n.href) ? "page" : undefined}>
                  {n.label}
                  {n.href === "/queue" ? <QueueBadge /> : null}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="account">
          {props.multiuser ? (
            <>
              <a class="who" href="/account" onClick={follow} title={`${props.viewer.email}: your account`} aria-current={current("/account") ? "page" : undefined}>
                {props.viewer.displayName}
                {props.viewer.isAdmin ? " (admin)" : ""}
              </a>
              <button type="button" disabled={busy} onClick={() => leave(false)}>
                Sign out
              </button>
              <button type="button" disabled={busy} onClick={() => leave(true)}>
                Sign out everywhere
              </button>
            </>
          ) : (
            <span class="who">Single-user mode</span>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {props.children}
      </main>
    </>
  );
}
