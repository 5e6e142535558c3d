/**
 * The apps as the processes they are in production: the API and the worker run from the
 * bundles `pnpm build` makes (`buildApps()` makes them fresh: the vitest globalSetup of this
 * package and the worker's benchmark call it), each with only the environment given here
 * (never the developer's keys). Every process started is killed when the test calling
 * `stopProcesses()` ends, and in any case when this process exits. E2E_LOGS=1 prints their
 * output as it comes; otherwise `output()` keeps the last lines for a failure's message.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { REPO_ROOT } from "@flynn/db/embedded";
import { freePort, waitForReady } from "./harness";

export { cpuSeconds } from "./harness";

// A bundle starts in under a second where tsx takes four or more (it hooks every import).
const APPS = {
  api: { source: "src/server.ts", bundle: "dist/server.js" },
  worker: { source: "src/main.ts", bundle: "dist/main.js" },
} as const;
const KEPT_LINES = 200;

const appDir = (name: keyof typeof APPS) => path.join(REPO_ROOT, "apps", name);

/** Bundles the API and the worker (tooling/build, as `pnpm build` does); about two seconds. */
export async function buildApps(): Promise<void> {
  const builder = path.join(REPO_ROOT, "tooling/build/build.mjs");
  await Promise.all(
    (Object.keys(APPS) as (keyof typeof APPS)[]).map(
      (name) =>
        new Promise<void>((resolve, reject) => {
          const build = spawn(process.execPath, [builder, APPS[name].source], { cwd: appDir(name), stdio: "inherit" });
          build.once("error", reject);
          build.once("exit", (code) =>
            code === 0 ? resolve() : reject(new Error(`building ${name} failed (${code})`)),
          );
        }),
    ),
  );
}

export interface AppProcess {
  readonly name: keyof typeof APPS;
  readonly child: ChildProcess;
  /** Its exit code (null when a signal ended it), once it has exited. */
  readonly exited: Promise<number | null>;
  /** The last lines it printed, for a failing test's message. */
  output(): string;
  /** Sends `signal` and resolves once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const running = new Set<AppProcess>();
process.once("exit", () => {
  for (const app of running) app.child.kill("SIGKILL");
});

/** Kills every process still running (tests call it in afterEach, so a failure leaves none behind). */
export async function stopProcesses(): Promise<void> {
  await Promise.all([...running].map((app) => app.stop("SIGKILL")));
}

function spawnApp(name: keyof typeof APPS, env: Record<string, string>, nodeArgs: string[] = []): AppProcess {
  const child = spawn(process.execPath, [...nodeArgs, "--enable-source-maps", APPS[name].bundle], {
    cwd: appDir(name),
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      NODE_ENV: "test",
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const collect = (chunk: Buffer) => {
    if (process.env.E2E_LOGS) process.stderr.write(`${new Date().toISOString().slice(11, 23)} [${name}] ${chunk}`);
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    lines.splice(0, Math.max(0, lines.length - KEPT_LINES));
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const app: AppProcess = {
    name,
    child,
    exited,
    output: () => lines.join("\n"),
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  running.add(app);
  void exited.then(() => running.delete(app));
  return app;
}

export interface StartOptions {
  databaseUrl: string;
  /** More variables (they win over the defaults). */
  env?: Record<string, string>;
  /** Options for node itself, e.g. --cpu-prof. */
  nodeArgs?: string[];
}

/** The API on a free port, ready (its /readyz answers); `baseUrl` is also its PUBLIC_URL. */
export async function startApi({
  databaseUrl,
  env = {},
  nodeArgs,
}: StartOptions): Promise<AppProcess & { baseUrl: string }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const app = spawnApp("api", { DATABASE_URL: databaseUrl, PORT: String(port), PUBLIC_URL: baseUrl, ...env }, nodeArgs);
  try {
    await waitForReady(baseUrl, app.child);
  } catch (error) {
    await app.stop("SIGKILL");
    throw new Error(`${(error as Error).message}:\n${app.output()}`);
  }
  return Object.assign(app, { baseUrl });
}

/** The worker; it has no port: wait for what it does (an email sent, a row written). */
export function startWorker({ databaseUrl, env = {}, nodeArgs }: StartOptions): AppProcess {
  return spawnApp("worker", { DATABASE_URL: databaseUrl, ...env }, nodeArgs);
}
