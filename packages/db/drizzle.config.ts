import { defineConfig } from "drizzle-kit";

// `schema` and `out` can be redirected so the drift check can generate into a scratch copy.
export default defineConfig({
  dialect: "postgresql",
  schema: process.env.DRIZZLE_SCHEMA ?? "./src/schema/index.ts",
  out: process.env.DRIZZLE_OUT ?? "./migrations",
  strict: true,
  verbose: false,
});
