/** What the benchmarks and the end-to-end tests need to run the built apps as processes of their own. */
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import net from "node:net";
import { ensureDatabase, startEmbeddedPostgres, TEST_POSTGRES } from "@flynn/db/embedded";
import { runMigrations } from "@flynn/db/migrate";
import pg from "pg";

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Resolves once the server answers /readyz; fails if it exits or takes over 20 s. */
export async function waitForReady(base: string, child: ChildProcess) {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`api exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("api did not become ready");
}

/**
 * CPU seconds (user + system) used so far by the processes matching `select` and, unless
 * `exitedChildren` is false, by their children that have exited (Postgres backends end when a
 * pool closes a connection; the postmaster keeps their CPU), read from /proc (Linux). Leave
 * them out to time a window: a child reaped inside it brings all its earlier CPU along.
 */
export async function cpuSeconds(
  select: (pid: number, command: string) => boolean,
  { exitedChildren = true }: { exitedChildren?: boolean } = {},
): Promise<number> {
  let total = 0;
  for (const entry of await readdir("/proc").catch(() => [] as string[])) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
    const close = stat.lastIndexOf(")");
    if (close < 0 || !select(pid, stat.slice(stat.indexOf("(") + 1, close))) continue;
    total += statCpuSeconds(stat, { exitedChildren });
  }
  return total;
}

/**
 * The CPU seconds (user + system) in one /proc `stat` line, of a process or of one of its
 * threads (/proc/<pid>/task/<tid>/stat), with its exited children's unless told not to.
 */
export function statCpuSeconds(stat: string, { exitedChildren = true }: { exitedChildren?: boolean } = {}): number {
  const ticksPerSecond = 100; // USER_HZ on every Linux this runs on
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime, stime, cutime, cstime
  const own = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  return (exitedChildren ? own + Number(fields[13] ?? 0) + Number(fields[14] ?? 0) : own) / ticksPerSecond;
}

export interface BenchDatabase {
  url: string;
  /** Drops the database and stops the embedded Postgres if this started it. */
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database named `<prefix>_<random>` on BENCH_DATABASE_URL's server, else on
 * the embedded test Postgres. Fresh each run: a benchmark database that grows from run to run
 * makes each run slower than the last.
 */
export async function benchDatabase(prefix: string): Promise<BenchDatabase> {
  let adminUrl = process.env.BENCH_DATABASE_URL;
  const server = adminUrl ? undefined : await startEmbeddedPostgres(TEST_POSTGRES);
  adminUrl ??= (server as NonNullable<typeof server>).adminUrl;
  const name = `${prefix}_${randomBytes(3).toString("hex")}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await ensureDatabase(adminUrl, name);
  await runMigrations(url.toString());
  const admin = adminUrl;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
      await client.end();
      await server?.stop();
    },
  };
}

/** The value at quantile `q` (0..1) of `sorted` (ascending; nearest rank); NaN when empty. */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}
