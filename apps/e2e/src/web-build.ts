/**
 * The dashboard as production ships it: `vite build` of apps/web into a folder of this package
 * (not apps/web/dist, which a developer's own build may empty while a test loads from it), with
 * Vite's manifest, which the initial-JavaScript figure is computed from.
 */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { REPO_ROOT } from "@flynn/db/embedded";

export const WEB_DIST = path.join(REPO_ROOT, "apps/e2e/dist/web");
const WEB_DIR = path.join(REPO_ROOT, "apps/web");

/** Builds the SPA into `WEB_DIST` (a few seconds). */
export async function buildWeb(): Promise<void> {
  const vite = path.join(WEB_DIR, "node_modules/vite/bin/vite.js");
  await new Promise<void>((resolve, reject) => {
    const build = spawn(
      process.execPath,
      [vite, "build", "--outDir", WEB_DIST, "--emptyOutDir", "--manifest", "--logLevel", "warn"],
      { cwd: WEB_DIR, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } },
    );
    build.once("error", reject);
    build.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`building the dashboard failed (${code})`)),
    );
  });
}

/** One chunk of Vite's manifest (`.vite/manifest.json`): its file and what it imports. */
export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export const readManifest = async (dist = WEB_DIST): Promise<Manifest> =>
  JSON.parse(await readFile(path.join(dist, ".vite/manifest.json"), "utf8")) as Manifest;

/**
 * The JavaScript files a first visit to a page downloads: the entry chunk, the chunks loaded
 * at once (`sources`: the app, which the entry imports as soon as its requests are out, and
 * the page, e.g. "src/pages/dashboard.tsx"), and everything they import statically. Other
 * dynamic imports (other pages) are left out.
 */
export function initialChunks(manifest: Manifest, sources: readonly string[]): string[] {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest has no chunk ${key}`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  for (const source of sources) visit(source);
  return [...files].filter((file) => file.endsWith(".js"));
}

/** The gzipped size in bytes of each of `files` (paths relative to `dist`), as a server would send it. */
export async function gzippedSizes(files: string[], dist = WEB_DIST): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const file of files) sizes.set(file, gzipSync(await readFile(path.join(dist, file))).length);
  return sizes;
}

export const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export const totalSize = (sizes: Map<string, number>) => [...sizes.values()].reduce((sum, size) => sum + size, 0);

/** "<heading>: 136.0 KB in 16 files", then one line per file. */
export function describeSizes(heading: string, sizes: Map<string, number>): string {
  return [
    `${heading}: ${kilobytes(totalSize(sizes))} in ${sizes.size} files`,
    ...[...sizes].map(([file, size]) => `  ${kilobytes(size).padStart(9)}  ${file}`),
  ].join("\n");
}
