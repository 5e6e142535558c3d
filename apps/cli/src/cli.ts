/**
 * `pnpm flynn <command>`: the project's command line. Each command parses its own options
 * with node's util.parseArgs; bad arguments exit 2 with the usage line, failures exit 1.
 */
import { readFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import { parseArgs } from "node:util";
import { e164PhoneSchema, INDUSTRY_TYPES, type IndustryType } from "@flynn/domain";
import {
  DEV_TWILIO_AUTH_TOKEN,
  type FetchLike,
  SIMULATED_CALLER,
  type SimulatedCall,
  simulateCall,
} from "@flynn/telephony";
import { EXTRACT_HELP, runExtract } from "./extract";
import { runSealContacts, SEAL_CONTACTS_HELP } from "./seal-contacts";

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** The directory relative paths are read from (where the user ran the command). */
  cwd: string;
  fetch?: FetchLike;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {
  override name = "UsageError";
}

/** A command's `--name value` options (strings only); a mistake is a UsageError in parseArgs's own words. */
export function parseOptions(argv: string[], names: readonly string[]): Record<string, string | undefined> {
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: Object.fromEntries(names.map((name) => [name, { type: "string" as const }])),
    });
    return values as Record<string, string | undefined>;
  } catch (error) {
    // parseArgs explains unknown options, missing values and stray arguments well; keep its words.
    throw new UsageError(error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error));
  }
}

const DEFAULT_URL = "http://localhost:8787";

const SIMULATE_CALL_USAGE =
  "usage: pnpm flynn simulate-call --to <number> [--from <number>] (--transcript <file> | --text <text> | --sample <industry>) [--url <api url>]";

const SIMULATE_CALL_HELP = `${SIMULATE_CALL_USAGE}

Calls one of your Flynn numbers without a phone: sends the webhooks Twilio would send (voice,
status ringing / in-progress / completed, recording completed, transcription) to the API,
signed like Twilio signs them.

  --to <number>          the Flynn number to call, E.164 (e.g. +15550100; "get a number" in the
                         dashboard gives one without a Twilio account)
  --from <number>        the caller, E.164 (default ${SIMULATED_CALLER})
  --transcript <file>    a text file with what was said
  --text <text>          what was said
  --sample <industry>    a sample transcript: ${INDUSTRY_TYPES.join(", ")}
  --caller-name <name>   the caller ID name
  --url <url>            where the API listens (default ${DEFAULT_URL})
  --public-url <url>     the API's PUBLIC_URL, which requests are signed for (default: PUBLIC_URL, else --url)

The signing token is TWILIO_AUTH_TOKEN when set, else the development token the API accepts
outside production.`;

const HELP = `usage: pnpm flynn <command> [options]

commands:
  simulate-call   call a Flynn number with a transcript, through the real Twilio webhooks
  extract         run the extractor over a JSONL file of calls
  seal-contacts   seal customers' phone numbers and emails stored before they were sealed (once)
  help            show this list, or a command's options (pnpm flynn help simulate-call)

Run pnpm flynn <command> --help for a command's options.`;

const COMMANDS = {
  "simulate-call": { help: SIMULATE_CALL_HELP, run: runSimulateCall },
  extract: { help: EXTRACT_HELP, run: runExtract },
  "seal-contacts": { help: SEAL_CONTACTS_HELP, run: runSealContacts },
} as const;

type CommandName = keyof typeof COMMANDS;

function isCommand(name: string | undefined): name is CommandName {
  return name !== undefined && Object.hasOwn(COMMANDS, name);
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    const topic = command === "help" ? rest[0] : undefined;
    if (topic !== undefined && !isCommand(topic)) return usage(io, `unknown command "${topic}"`, HELP);
    io.stdout(isCommand(topic) ? COMMANDS[topic].help : HELP);
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (!isCommand(command)) return usage(io, `unknown command "${command}"`, HELP);
  const { help, run } = COMMANDS[command];
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(help);
    return EXIT_OK;
  }
  try {
    return await run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) return usage(io, error.message, help.split("\n")[0] ?? help);
    throw error;
  }
}

function usage(io: CliIo, problem: string, usageText: string): number {
  io.stderr(`error: ${problem}\n${usageText.split("\n")[0]}`);
  return EXIT_USAGE;
}

export interface SimulateCallArgs {
  to: string;
  from: string;
  callerName?: string;
  /** Where the transcript comes from; read by `loadTranscript`. */
  transcript: { text: string } | { file: string } | { sample: IndustryType };
  url: string;
  publicUrl: string;
  authToken: string;
}

function phoneOption(name: string, value: string): string {
  const parsed = e164PhoneSchema.safeParse(value);
  if (!parsed.success) throw new UsageError(`--${name} ${JSON.stringify(value)}: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

function urlOption(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--${name} ${JSON.stringify(value)}: must be a URL such as ${DEFAULT_URL}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new UsageError(`--${name} ${JSON.stringify(value)}: must be an http or https URL`);
  }
  return value.replace(/\/+$/, "");
}

export function parseSimulateCallArgs(argv: string[], env: Record<string, string | undefined>): SimulateCallArgs {
  const values = parseOptions(argv, ["to", "from", "transcript", "text", "sample", "caller-name", "url", "public-url"]);
  const option = (name: string) => values[name];

  const to = option("to");
  if (to === undefined) throw new UsageError("--to is required");
  const sources = (["transcript", "text", "sample"] as const).filter((name) => option(name) !== undefined);
  if (sources.length !== 1) {
    throw new UsageError(
      sources.length === 0
        ? "give what was said: --transcript <file>, --text <text> or --sample <industry>"
        : `give only one of ${sources.map((name) => `--${name}`).join(", ")}`,
    );
  }
  const [source] = sources;
  const value = option(source as string) as string;
  let transcript: SimulateCallArgs["transcript"];
  if (source === "text") {
    if (value.trim() === "") throw new UsageError("--text is empty");
    transcript = { text: value.trim() };
  } else if (source === "sample") {
    const industry = INDUSTRY_TYPES.find((name) => name === value);
    if (!industry) throw new UsageError(`--sample ${JSON.stringify(value)}: one of ${INDUSTRY_TYPES.join(", ")}`);
    transcript = { sample: industry };
  } else {
    transcript = { file: value };
  }

  const url = urlOption("url", option("url") ?? DEFAULT_URL);
  const callerName = option("caller-name");
  return {
    to: phoneOption("to", to),
    from: phoneOption("from", option("from") ?? SIMULATED_CALLER),
    ...(callerName ? { callerName } : {}),
    transcript,
    url,
    publicUrl: urlOption("public-url", option("public-url") ?? env.PUBLIC_URL ?? url),
    authToken: env.TWILIO_AUTH_TOKEN || DEV_TWILIO_AUTH_TOKEN,
  };
}

/** The sample transcripts shipped with the CLI, one per industry. */
export function sampleTranscriptPath(industry: IndustryType): string {
  return new URL(`../transcripts/${industry}.txt`, import.meta.url).pathname;
}

export async function loadTranscript(source: SimulateCallArgs["transcript"], cwd: string): Promise<string> {
  if ("text" in source) return source.text;
  const path =
    "sample" in source
      ? sampleTranscriptPath(source.sample)
      : isAbsolute(source.file)
        ? source.file
        : resolve(cwd, source.file);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(error);
    throw new UsageError(`cannot read transcript ${path}: ${reason}`);
  }
  if (text.trim() === "") throw new UsageError(`transcript ${path} is empty`);
  return text.trim();
}

const HINTS: Record<number, string> = {
  403: "the API refused the signature: start it with the same TWILIO_AUTH_TOKEN and PUBLIC_URL (or pass --public-url)",
  400: "the API refused the request as malformed",
  404: "no such route: is --url the Flynn API?",
};

async function runSimulateCall(argv: string[], io: CliIo): Promise<number> {
  const args = parseSimulateCallArgs(argv, io.env);
  const transcript = await loadTranscript(args.transcript, io.cwd);
  let call: SimulatedCall;
  try {
    call = await simulateCall({
      baseUrl: args.url,
      publicUrl: args.publicUrl,
      authToken: args.authToken,
      to: args.to,
      from: args.from,
      transcript,
      ...(args.callerName ? { callerName: args.callerName } : {}),
      ...(io.fetch ? { fetch: io.fetch } : {}),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    io.stderr(
      `error: cannot reach the API at ${args.url} (${cause ?? (error as Error).message}); is it running (pnpm dev)?`,
    );
    return EXIT_FAILED;
  }
  io.stdout(`call ${call.callSid} from ${args.from} to ${args.to}`);
  for (const step of call.steps) io.stdout(`  ${step.status}  ${step.step.padEnd(24)} ${step.url}`);
  if (!call.ok) {
    const failed = call.steps.at(-1);
    const hint = failed ? HINTS[failed.status] : undefined;
    io.stderr(`error: ${failed?.step} answered ${failed?.status}${hint ? `: ${hint}` : ""}`);
    return EXIT_FAILED;
  }
  io.stdout("done: the call is in the dashboard; extraction runs in the worker.");
  return EXIT_OK;
}
