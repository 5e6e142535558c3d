/**
 * Drift check: do the committed migrations still describe the Drizzle schema? It runs
 * drizzle-kit's own generator against a scratch copy of the migrations folder: if the
 * generator would write a new migration, the schema changed without one.
 */
import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { MIGRATIONS_FOLDER } from "./migrate";

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DRIZZLE_KIT = path.join(PACKAGE_ROOT, "node_modules/.bin/drizzle-kit");
const run = promisify(execFile);

export interface DriftReport {
  drifted: boolean;
  /** Migration files the generator would add. */
  wouldAdd: string[];
  output: string;
}

/** `schemaPath` (relative to packages/db) replaces the real schema; tests use it to prove drift is caught. */
export async function checkDrift(options: { schemaPath?: string } = {}): Promise<DriftReport> {
  const scratch = await mkdtemp(path.join(tmpdir(), "flynn-drift-"));
  try {
    await cp(MIGRATIONS_FOLDER, scratch, { recursive: true });
    const before = new Set(await readdir(scratch));
    // drizzle-kit takes `out` relative to the config file.
    const env = {
      ...process.env,
      DRIZZLE_OUT: path.relative(PACKAGE_ROOT, scratch),
      ...(options.schemaPath && { DRIZZLE_SCHEMA: options.schemaPath }),
    };
    const check = await run(DRIZZLE_KIT, ["check"], { cwd: PACKAGE_ROOT, env });
    const generate = await run(DRIZZLE_KIT, ["generate", "--name=drift"], { cwd: PACKAGE_ROOT, env, timeout: 60_000 });
    const wouldAdd = (await readdir(scratch)).filter((f) => !before.has(f));
    return {
      drifted: wouldAdd.length > 0,
      wouldAdd,
      output: [check.stdout, check.stderr, generate.stdout, generate.stderr].join("\n"),
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
