/**
 * `pnpm eval:extraction [--datasets <dir>] [--show-misses]`: runs the rules extractor over
 * the shared dev sets and prints per-field accuracy as the datasets' README defines it.
 */
import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { extractRecords, parseCallRecords } from "./batch";
import { type Misses, print, scoreIndustry, scoreSgd } from "./eval-scoring";
import { createRulesExtractor } from "./rules-extractor";

async function main() {
  const { values } = parseArgs({
    // --also <file>: more calls in the industry set's format (e.g. the team's own, in eval-data/).
    options: {
      datasets: { type: "string" },
      also: { type: "string", multiple: true },
      "show-misses": { type: "boolean" },
    },
  });
  // The root script runs from the repository root; the shared datasets sit next to it.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const dir = resolve(cwd, values.datasets ?? "../shared/datasets");
  const extractor = createRulesExtractor();
  const misses: Misses = new Map();

  const sgdText = await readFile(resolve(dir, "call-extraction-dev.jsonl"), "utf8");
  const sgdRecords = sgdText
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const started = performance.now();
  const sgdLines = await extractRecords(extractor, parseCallRecords(sgdText));
  const sgdMs = performance.now() - started;
  print(
    `call-extraction-dev.jsonl (${sgdRecords.length} calls, ${(sgdMs / sgdRecords.length).toFixed(2)} ms/call)`,
    scoreSgd(sgdRecords, sgdLines, misses),
  );

  for (const file of [resolve(dir, "industry-calls-dev.jsonl"), ...(values.also ?? []).map((f) => resolve(cwd, f))]) {
    const text = await readFile(file, "utf8");
    const records = text
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const lines = await extractRecords(extractor, parseCallRecords(text));
    print(`${basename(file)} (${records.length} calls)`, scoreIndustry(records, lines, misses));
  }

  if (values["show-misses"]) {
    for (const [field, lines] of misses) {
      console.log(`\nmisses: ${field} (${lines.length})`);
      for (const line of lines) console.log(`  ${line}`);
    }
  }
}

await main();
