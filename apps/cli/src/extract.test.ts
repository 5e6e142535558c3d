import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  chatCompletion,
  extractionAnswer,
  failUnhandledRequest,
  OPENAI_API,
  TEST_OPENAI_KEY,
} from "@flynn/extraction/testing";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, runCli } from "./cli";
import { captureIo } from "./testing";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: failUnhandledRequest }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const RECORDS = [
  {
    id: "call-1",
    transcript: "Caller: Can someone fix my water heater Thursday at eight? I'm Dana Whitfield.",
    call_started_at: "2026-11-30T17:55:00Z",
    timezone: "America/Chicago",
    industry: "plumbing",
  },
  {
    id: "call-2",
    transcript: "Caller: Sorry, wrong number.",
    call_started_at: "2026-11-30T18:10:00Z",
    timezone: "America/Chicago",
    industry: "plumbing",
  },
];

async function callsFile() {
  const dir = await mkdtemp(join(tmpdir(), "flynn-extract-"));
  const input = join(dir, "calls.jsonl");
  await writeFile(input, `${RECORDS.map((record) => JSON.stringify(record)).join("\n")}\n`);
  return { dir, input, output: join(dir, "out.jsonl") };
}

describe("pnpm flynn extract --extractor openai", () => {
  it("extracts every call with the model named by OPENAI_MODEL at OPENAI_BASE_URL, in order", async () => {
    const base = "http://llm.internal:8000/v1";
    const models: string[] = [];
    const answers = [extractionAnswer(), extractionAnswer([])];
    server.use(
      http.post(`${base}/chat/completions`, async ({ request }) => {
        models.push(((await request.json()) as { model: string }).model);
        return HttpResponse.json(chatCompletion({ content: JSON.stringify(answers.shift()) }));
      }),
    );
    const { input, output } = await callsFile();
    const { io, out } = captureIo({
      env: { OPENAI_API_KEY: TEST_OPENAI_KEY, OPENAI_BASE_URL: base, OPENAI_MODEL: "qwen3" },
    });
    expect(await runCli(["extract", "--in", input, "--out", output, "--extractor", "openai"], io)).toBe(EXIT_OK);

    const lines = (await readFile(output, "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => [line.id, line.events.length])).toEqual([
      ["call-1", 1],
      ["call-2", 0],
    ]);
    expect(lines[0].events[0]).toMatchObject({ event_type: "service_call", proposed_datetime: "2026-12-03T08:00" });
    expect(models).toEqual(["qwen3", "qwen3"]);
    expect(out.at(-1)).toContain("extracted 2 calls");
  });

  it("a refusal ends the run with the reason", async () => {
    server.use(
      http.post(`${OPENAI_API}/chat/completions`, () =>
        HttpResponse.json(chatCompletion({ content: null, refusal: "I can't help with that." })),
      ),
    );
    const { input, output } = await callsFile();
    const { io, err } = captureIo({ env: { OPENAI_API_KEY: TEST_OPENAI_KEY } });
    expect(await runCli(["extract", "--in", input, "--out", output, "--extractor", "openai"], io)).toBe(EXIT_FAILED);
    expect(err.join("\n")).toContain("the model refused to extract the call");
  });

  it("without OPENAI_API_KEY it is a usage error", async () => {
    const { input, output } = await callsFile();
    const { io, err } = captureIo();
    expect(await runCli(["extract", "--in", input, "--out", output, "--extractor", "openai"], io)).toBe(EXIT_USAGE);
    expect(err[0]).toMatch(/^error: --extractor openai needs OPENAI_API_KEY\n/);
  });
});
