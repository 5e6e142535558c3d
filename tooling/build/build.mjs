#!/usr/bin/env node
// Bundles a Node app for production: workspace packages (@flynn/*, TypeScript sources) are
// compiled in. An npm package that Node can resolve from the app's folder at run time (the
// app's own dependencies) stays external; one that only a workspace package depends on is
// bundled, since pnpm does not make it visible to the app.
// Usage: flynn-build src/server.ts [src/other.ts ...]   (run from the app's folder; writes dist/)
import { existsSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { build } from "esbuild";

const entryPoints = process.argv.slice(2);
if (entryPoints.length === 0) {
  console.error("usage: flynn-build <entry.ts> [...]");
  process.exit(2);
}

const packageName = (specifier) =>
  specifier
    .split("/")
    .slice(0, specifier.startsWith("@") ? 2 : 1)
    .join("/");

/** Whether Node, running dist/ of this app, would find the package (the folders it walks up). */
function visibleFromApp(name) {
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "node_modules", name))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

await build({
  entryPoints,
  outdir: "dist",
  bundle: true,
  platform: "node",
  target: "node20.19",
  format: "esm",
  sourcemap: true,
  logLevel: "warning",
  plugins: [
    {
      name: "externalize-npm-dependencies",
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) => {
          if (args.path.startsWith("node:") || builtinModules.includes(args.path.split("/")[0])) {
            return { path: args.path, external: true };
          }
          if (args.path.startsWith("@flynn/")) return undefined;
          return visibleFromApp(packageName(args.path)) ? { path: args.path, external: true } : undefined;
        });
      },
    },
  ],
  banner: {
    js: "import { createRequire as __flynnCreateRequire } from 'node:module'; const require = __flynnCreateRequire(import.meta.url);",
  },
});
console.log(`built ${entryPoints.join(", ")} -> dist/ (${JSON.parse(readFileSync("package.json", "utf8")).name})`);
