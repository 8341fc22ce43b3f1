// What the page shows: loading, setup, sign-in, or the app with its routes.
import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import { startLive, stopLive } from "../live/queue";
import { GalleryScreen } from "../screens/Gallery";
import { GenerateScreen } from "../screens/Generate";
import { ImageView } from "../screens/ImageView";
import { AdminAuditScreen } from "../screens/AdminAudit";
import { AdminModelsScreen } from "../screens/AdminModels";
import { AdminQueueScreen } from "../screens/AdminQueue";
import { AdminUsersScreen } from "../screens/AdminUsers";
import { ProfileScreen } from "../screens/Profile";
import { QueuePanel } from "../screens/QueuePanel";
import { SetupScreen } from "../screens/Setup";
import { Shell } from "../screens/Shell";
import { SignInScreen } from "../screens/SignIn";
import { Spinner } from "../components/ui";
import { useLocation } from "./router";
import { boot, onSignOut, passwordPolicy, phase$, type Viewer, watchSession } from "./session";
import { useStore } from "./store";

function Routes(props: { multiuser: boolean; viewer: Viewer }) {
  const { path, query } = useLocation();
  useEffect(() => {
    const titles: [string, string][] = [["/gallery", "Gallery"], ["/queue", "Queue"], ["/view/", "Image"], ["/account", "Account"], ["/admin/users", "Users"], ["/admin/models", "Models"], ["/admin/queue", "Manage queue"], ["/admin/audit", "Audit log"]];
    const hit = titles.find(([p]) => path.startsWith(p));
    document.title = `${hit ? hit[1] : "Generate"} · gql-invoke`;
  }, [path]);
  if (path === "/" || path === "") return <GenerateScreen />;
  if (path === "/queue") return <QueuePanel standalone />;
  if (path === "/gallery" || path.startsWith("/gallery/")) return <GalleryScreen />;
  if (path.startsWith("/view/")) return <ImageView id={decodeURIComponent(path.slice("/view/".length))} />;
  if (path === "/account" && props.multiuser) return <ProfileScreen policy={passwordPolicy()} />;
  if (path === "/admin/users" && props.multiuser && props.viewer.isAdmin) {
    return <AdminUsersScreen policy={passwordPolicy()} viewerId={props.viewer.id} />;
  }
  // Models and the queue are the admin's in single-user mode too (the actor is admin).
  if (path === "/admin/models" && props.viewer.isAdmin) return <AdminModelsScreen />;
  if (path === "/admin/queue" && props.viewer.isAdmin) return <AdminQueueScreen />;
  if (path === "/admin/audit" && props.multiuser && props.viewer.isAdmin) {
    const first = Math.trunc(Number(query.get("first")));
    return <AdminAuditScreen pageSize={first >= 1 && first <= 100 ? first : 50} />;
  }
  return (
    <section class="card">
      <h1>Page not found</h1>
      <p>
        There is nothing at {path}. <a href="/">Go to Generate</a>.
      </p>
    </section>
  );
}

function Signed(props: { multiuser: boolean; children: ComponentChildren }) {
  useEffect(() => {
    startLive();
    const off = onSignOut(stopLive);
    const unwatch = props.multiuser ? watchSession() : () => {};
    return () => {
      off();
      unwatch();
      stopLive();
    };
  }, []);
  return <>{props.children}</>;
}

export function App() {
  const phase = useStore(phase$);
  useEffect(() => {
    void boot();
  }, []);
  switch (phase.kind) {
    case "loading":
      return (
        <main class="auth-page">
          <Spinner label="Loading…" />
        </main>
      );
    case "unreachable":
      return (
        <main class="auth-page">
          <div class="card auth-card">
            <h1>Cannot start</h1>
            <p class="message error" role="alert">
              {phase.message}
            </p>
            <button type="button" class="primary" onClick={() => void boot()}>
              Try again
            </button>
          </div>
        </main>
      );
    case "setup":
      return <SetupScreen policy={phase.policy} />;
    case "signin":
      return <SignInScreen notice={phase.notice} />;
    case "app":
      return (
        <Signed key={phase.viewer.id} multiuser={phase.multiuser}>
          <Shell viewer={phase.viewer} multiuser={phase.multiuser}>
            <Routes multiuser={phase.multiuser} viewer={phase.viewer} />
          </Shell>
        </Signed>
      );
  }
}
