/** `pnpm flynn extract`: runs an extractor over a JSONL file of calls (the eval's input format). */
import { readFile, writeFile } from "node:fs/promises";
import { isAbsolute, resolve } from "node:path";
import {
  createOpenAIExtractor,
  createRulesExtractor,
  DEFAULT_OPENAI_MODEL,
  type Extractor,
  extractRecords,
  parseCallRecords,
} from "@flynn/extraction";
import { type CliIo, EXIT_FAILED, EXIT_OK, parseOptions, UsageError } from "./cli";

export const EXTRACT_USAGE = "usage: pnpm flynn extract --in <jsonl> --out <jsonl> [--extractor rules|openai]";

export const EXTRACT_HELP = `${EXTRACT_USAGE}

Reads one call a line ({id, transcript, call_started_at, timezone, industry}; caller_number is
used when present, other fields are ignored) and writes, in the same order, one extraction a
line: {id, main_topic, call_summary, urgency_level, sentiment, events}.

  --in <file>          the calls, JSONL
  --out <file>         where the extractions go, JSONL
  --extractor <name>   rules (default; offline) or openai (OPENAI_API_KEY; OPENAI_BASE_URL for
                       any compatible server, OPENAI_MODEL default ${DEFAULT_OPENAI_MODEL})`;

const EXTRACTORS = ["rules", "openai"] as const;

/** The extractor named on the command line; openai reads the same variables as the worker. */
function chooseExtractor(name: string, env: CliIo["env"]): Extractor {
  if (name === "rules") return createRulesExtractor();
  const apiKey = env.OPENAI_API_KEY;
  if (!apiKey) throw new UsageError("--extractor openai needs OPENAI_API_KEY");
  return createOpenAIExtractor({
    apiKey,
    ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}),
    ...(env.OPENAI_MODEL ? { model: env.OPENAI_MODEL } : {}),
  });
}

export async function runExtract(argv: string[], io: CliIo): Promise<number> {
  const values = parseOptions(argv, ["in", "out", "extractor"]);
  const input = values.in;
  const output = values.out;
  if (input === undefined) throw new UsageError("--in is required");
  if (output === undefined) throw new UsageError("--out is required");
  const extractorName = values.extractor ?? "rules";
  if (!EXTRACTORS.some((name) => name === extractorName)) {
    throw new UsageError(`--extractor ${JSON.stringify(extractorName)}: one of ${EXTRACTORS.join(", ")}`);
  }
  const extractor = chooseExtractor(extractorName, io.env);
  const inPath = isAbsolute(input) ? input : resolve(io.cwd, input);
  const outPath = isAbsolute(output) ? output : resolve(io.cwd, output);
  let text: string;
  try {
    text = await readFile(inPath, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(error);
    throw new UsageError(`cannot read ${inPath}: ${reason}`);
  }
  let records: ReturnType<typeof parseCallRecords>;
  try {
    records = parseCallRecords(text);
  } catch (error) {
    io.stderr(`error: ${inPath}: ${(error as Error).message}`);
    return EXIT_FAILED;
  }
  let lines: Awaited<ReturnType<typeof extractRecords>>;
  try {
    lines = await extractRecords(extractor, records);
  } catch (error) {
    io.stderr(`error: ${(error as Error).message}`);
    return EXIT_FAILED;
  }
  await writeFile(outPath, lines.map((line) => JSON.stringify(line)).join("\n") + (lines.length ? "\n" : ""));
  io.stdout(`extracted ${lines.length} calls -> ${outPath}`);
  return EXIT_OK;
}
