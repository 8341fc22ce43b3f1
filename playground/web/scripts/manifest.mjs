// Writes <out>/build-manifest.json: a sha256 over every source the bundle is built
// from (this folder minus node_modules/ and the generated src/gql/, plus
// schema/schema.graphql) and the sha256 of every file written. No time, no machine
// details: the file is reproduced byte for byte with the bundle.
// tests/web/test_bundle.py recomputes the source hash the same way without Node.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";

const here = resolve(import.meta.dirname, "..");
const repo = resolve(here, "../..");
const out = process.env.GQL_INVOKE_WEB_OUT ?? resolve(repo, "gql_invoke/web");
const SKIP_DIRS = new Set(["node_modules", join("src", "gql")]);
const MANIFEST = "build-manifest.json";

function walk(dir, base, skip) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    const rel = relative(base, full);
    if (entry.isDirectory()) {
      if (!skip.has(rel)) files.push(...walk(full, base, skip));
    } else if (entry.isFile()) {
      files.push(rel);
    }
  }
  return files;
}

const sha = (bytes) => createHash("sha256").update(bytes).digest("hex");
const posix = (p) => p.split(sep).join("/");
// Sorted by UTF-8 bytes of the path, as Python's sorted() on str does for ASCII names.
const byPath = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

const sources = walk(here, repo, new Set([...SKIP_DIRS].map((d) => relative(repo, join(here, d)))))
  .map(posix)
  .concat(["schema/schema.graphql"])
  .sort(byPath);
const combined = createHash("sha256");
for (const rel of sources) combined.update(`${rel}\0${sha(readFileSync(join(repo, rel)))}\n`);

const files = {};
for (const rel of walk(out, out, new Set()).map(posix).sort(byPath)) {
  if (rel !== MANIFEST) files[rel] = sha(readFileSync(join(out, rel)));
}

const manifest = { sourcesSha256: combined.digest("hex"), sourceCount: sources.length, files };
writeFileSync(join(out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`${MANIFEST}: ${Object.keys(files).length} files, sources ${manifest.sourcesSha256.slice(0, 12)}`);
