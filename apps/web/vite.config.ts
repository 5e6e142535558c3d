/// <reference types="vitest/config" />
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const apiOrigin = process.env.FLYNN_API_ORIGIN ?? "http://localhost:8787";
const proxy = { "/api": apiOrigin, "/trpc": apiOrigin, "/healthz": apiOrigin };

/**
 * The entry (src/main.tsx) starts the first requests, then imports the app (src/start.tsx).
 * This hints the app's chunks in index.html, so the browser downloads them alongside the
 * entry instead of after it has run.
 */
function preloadApp(): Plugin {
  return {
    name: "flynn:preload-app",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, { bundle }) {
        const chunks = Object.values(bundle ?? {}).filter((file) => file.type === "chunk");
        const start = chunks.find((chunk) => chunk.facadeModuleId?.endsWith("/src/start.tsx"));
        if (!start) return [];
        const hinted = [start.fileName, ...start.imports].filter((file) => !html.includes(`/${file}`));
        return hinted.map((file) => ({
          tag: "link",
          attrs: { rel: "modulepreload", crossorigin: "", href: `/${file}` },
          injectTo: "head" as const,
        }));
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), preloadApp()],
  server: { port: 5173, strictPort: true, proxy },
  preview: { port: 4173, strictPort: true, proxy },
  // Role queries walk jsdom's accessibility tree: a first render on a loaded two-core CI
  // machine took over vitest's default 5 s.
  test: { environment: "jsdom", testTimeout: 30_000, setupFiles: ["./src/testing/setup.ts"] },
});
