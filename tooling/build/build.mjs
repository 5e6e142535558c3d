#!/usr/bin/env node
// Bundles a Node app for production: workspace packages (@flynn/*, TypeScript sources) are
// compiled in, every npm dependency stays external and is resolved from node_modules at run time.
// Usage: flynn-build src/server.ts [src/other.ts ...]   (run from the app's folder; writes dist/)
import { readFileSync } from "node:fs";
import { build } from "esbuild";

const entryPoints = process.argv.slice(2);
if (entryPoints.length === 0) {
  console.error("usage: flynn-build <entry.ts> [...]");
  process.exit(2);
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
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith("@flynn/") ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
  banner: {
    js: "import { createRequire as __flynnCreateRequire } from 'node:module'; const require = __flynnCreateRequire(import.meta.url);",
  },
});
console.log(`built ${entryPoints.join(", ")} -> dist/ (${JSON.parse(readFileSync("package.json", "utf8")).name})`);
