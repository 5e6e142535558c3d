/// <reference types="vitest/config" />
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const apiOrigin = process.env.FLYNN_API_ORIGIN ?? "http://localhost:8787";
const proxy = { "/api": apiOrigin, "/trpc": apiOrigin, "/healthz": apiOrigin };

export default defineConfig({
  plugins: [react(), tailwindcss()],
  server: { port: 5173, strictPort: true, proxy },
  preview: { port: 4173, strictPort: true, proxy },
  // Role queries walk jsdom's accessibility tree: a first render on a loaded two-core CI
  // machine took over vitest's default 5 s.
  test: { environment: "jsdom", testTimeout: 30_000 },
});
