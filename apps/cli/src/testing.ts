/** Test helpers: a CliIo that keeps what a command prints. */
import type { CliIo } from "./cli";

export function captureIo(overrides: Partial<CliIo> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env: {},
    cwd: process.cwd(),
    ...overrides,
  };
  return { io, out, err };
}
