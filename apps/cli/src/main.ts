#!/usr/bin/env node
/** Entry point of `pnpm flynn`: see cli.ts. */
import { runCli } from "./cli";

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  // pnpm runs root scripts from the workspace root; INIT_CWD is where the user typed the command.
  cwd: process.env.INIT_CWD ?? process.cwd(),
});
