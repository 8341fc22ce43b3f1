// Two pages from one build: the app (index.html, Preact) and GraphiQL (graphiql.html,
// React + Monaco, loaded only by whoever opens /graphql). Output goes straight into
// the Python package (gql_invoke/web/), committed, so `pip install` needs no Node.
// File names carry content hashes and nothing depends on time or the machine, so
// `npm ci && npm run build` reproduces the committed bytes.
import { resolve } from "node:path";
import { defineConfig } from "vite";

const outDir = process.env.GQL_INVOKE_WEB_OUT ?? resolve(import.meta.dirname, "../../gql_invoke/web");

export default defineConfig({
  base: "/",
  // No public/ folder: every file served comes out of the module graph.
  publicDir: false,
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir,
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    // Only from our own origin: no inlined data: fonts/images the CSP would need to allow.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    chunkSizeWarningLimit: 6000,
    rolldownOptions: {
      // graphiql's dependencies mark React client modules; a bundle has no server side.
      onwarn(warning, warn) {
        if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
      },
      input: {
        index: resolve(import.meta.dirname, "index.html"),
        graphiql: resolve(import.meta.dirname, "graphiql.html"),
      },
    },
  },
  worker: { format: "es" },
});
