/**
 * graphile-worker's log (a line per job started and finished, our jobs' own lines) at the
 * process's LOG_LEVEL: at `warn`, a busy worker writes nothing per job.
 */
import { consoleLogFactory, Logger } from "graphile-worker";
import type { Env } from "./env";

const SEVERITY: Record<string, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warning: 40,
  warn: 40,
  error: 50,
  fatal: 60,
};

export function createJobLogger(level: Env["LOG_LEVEL"]): Logger {
  const threshold = level === "silent" ? Number.POSITIVE_INFINITY : (SEVERITY[level] ?? 30);
  return new Logger((scope) => {
    const log = consoleLogFactory(scope);
    return (logLevel, message) => {
      if ((SEVERITY[logLevel] ?? 30) >= threshold) log(logLevel, message);
    };
  });
}
