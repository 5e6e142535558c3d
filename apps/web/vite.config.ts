/// <reference types="vitest/config" />
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const apiOrigin = process.env.FLYNN_API_ORIGIN ?? "http://localhost:8787";
const proxy = { "/api": apiOrigin, "/trpc": apiOrigin, "/healthz": apiOrigin };

/**
 * The entry (src/main.tsx) starts the first requests, then imports the app (src/start.tsx).
 * This hints the app's chunks and the dashboard's (where owners land) in index.html, so the
 * browser downloads them alongside the entry instead of after it has run, and before the first
 * API requests, which would otherwise queue behind them for the browser's six connections.
 */
function preloadApp(): Plugin {
  return {
    name: "flynn:preload-app",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, { bundle }) {
        const chunks = Object.values(bundle ?? {}).filter((file) => file.type === "chunk");
        const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
        const hinted = new Set<string>();
        // Each chunk and everything it imports, however deep.
        const visit = (file: string) => {
          if (hinted.has(file)) return;
          hinted.add(file);
          for (const imported of byName.get(file)?.imports ?? []) visit(imported);
        };
        for (const source of ["/src/start.tsx", "/src/pages/dashboard.tsx"]) {
          const chunk = chunks.find((candidate) => candidate.facadeModuleId?.endsWith(source));
          if (chunk) visit(chunk.fileName);
        }
        return [...hinted]
          .filter((file) => !html.includes(`/${file}`))
          .map((file) => ({
            tag: "link",
            attrs: { rel: "modulepreload", crossorigin: "", href: `/${file}` },
            injectTo: "head" as const,
          }));
      },
    },
  };
}

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/**
 * Writes each text file of the build compressed beside it (`x.js.br`, `x.js.gz`), once, at the
 * strongest settings, so the API serves them as they are (apps/api/src/dashboard.ts) instead
 * of compressing on every request or sending them uncompressed.
 */
function precompress(): Plugin {
  return {
    name: "flynn:precompress",
    apply: "build",
    async writeBundle(options, bundle) {
      const dir = options.dir ?? "dist";
      const texts = Object.values(bundle).filter((file) => /\.(js|css|html|svg|json)$/.test(file.fileName));
      await Promise.all(
        texts.map(async (file) => {
          const source = file.type === "chunk" ? file.code : file.source;
          const body = typeof source === "string" ? Buffer.from(source, "utf8") : Buffer.from(source);
          const target = path.join(dir, file.fileName);
          const [br, gz] = await Promise.all([
            brotli(body, {
              params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
            }),
            gzipped(body, { level: 9 }),
          ]);
          await Promise.all([writeFile(`${target}.br`, br), writeFile(`${target}.gz`, gz)]);
        }),
      );
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), preloadApp(), precompress()],
  server: { port: 5173, strictPort: true, proxy },
  preview: { port: 4173, strictPort: true, proxy },
  // Role queries walk jsdom's accessibility tree: a first render on a loaded two-core CI
  // machine took over vitest's default 5 s.
  test: { environment: "jsdom", testTimeout: 30_000, setupFiles: ["./src/testing/setup.ts"] },
});
