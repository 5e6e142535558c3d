import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { INDUSTRY_TYPES } from "@flynn/domain";
import { DEV_TWILIO_AUTH_TOKEN, type FetchLike, signTwilioRequest } from "@flynn/telephony";
import { describe, expect, it } from "vitest";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, parseSimulateCallArgs, runCli, sampleTranscriptPath } from "./cli";
import { captureIo } from "./testing";

/** An API stand-in that checks each signature against the URL it was signed for. */
function signedEndpoint(publicUrl: string, token: string) {
  const requests: { url: string; params: Record<string, string> }[] = [];
  const fetch: FetchLike = async (url, init) => {
    const params = Object.fromEntries(new URLSearchParams(String(init.body)));
    const signedFor = `${publicUrl}${new URL(url).pathname}`;
    const signature = new Headers(init.headers).get("x-twilio-signature");
    if (signature !== signTwilioRequest(token, signedFor, params)) return new Response("forbidden", { status: 403 });
    requests.push({ url, params });
    return new Response(url.endsWith("/voice") ? "<Response/>" : null, { status: url.endsWith("/voice") ? 200 : 204 });
  };
  return { fetch, requests };
}

describe("pnpm flynn", () => {
  it("--help lists the commands", async () => {
    const { io, out } = captureIo();
    expect(await runCli(["--help"], io)).toBe(EXIT_OK);
    expect(out.join("\n")).toContain("simulate-call");
    expect(out.join("\n")).toMatch(/^usage: pnpm flynn <command>/);
  });

  it("no command prints the list and exits 2; an unknown one names it", async () => {
    const none = captureIo();
    expect(await runCli([], none.io)).toBe(EXIT_USAGE);
    expect(none.out.join("\n")).toContain("simulate-call");
    const unknown = captureIo();
    expect(await runCli(["call-someone"], unknown.io)).toBe(EXIT_USAGE);
    expect(unknown.err).toEqual(['error: unknown command "call-someone"\nusage: pnpm flynn <command> [options]']);
  });

  it("simulate-call --help and help simulate-call show its options", async () => {
    for (const argv of [
      ["simulate-call", "--help"],
      ["help", "simulate-call"],
    ]) {
      const { io, out } = captureIo();
      expect(await runCli(argv, io)).toBe(EXIT_OK);
      expect(out.join("\n")).toMatch(/^usage: pnpm flynn simulate-call --to <number>/);
      expect(out.join("\n")).toContain("--sample <industry>");
    }
  });
});

describe("simulate-call arguments", () => {
  it("parses a full command line", () => {
    expect(
      parseSimulateCallArgs(
        [
          "--to",
          "+15550100",
          "--from",
          " +15125550123",
          "--text",
          " Fix my sink ",
          "--url",
          "http://127.0.0.1:9999/",
          "--caller-name",
          "Dana",
        ],
        {},
      ),
    ).toEqual({
      to: "+15550100",
      from: "+15125550123",
      callerName: "Dana",
      transcript: { text: "Fix my sink" },
      url: "http://127.0.0.1:9999",
      publicUrl: "http://127.0.0.1:9999",
      authToken: DEV_TWILIO_AUTH_TOKEN,
    });
  });

  it("defaults: caller, local API, the development token; PUBLIC_URL and TWILIO_AUTH_TOKEN from the environment", () => {
    expect(parseSimulateCallArgs(["--to", "+15550100", "--sample", "legal"], {})).toMatchObject({
      from: "+14155552671",
      transcript: { sample: "legal" },
      url: "http://localhost:8787",
      publicUrl: "http://localhost:8787",
      authToken: DEV_TWILIO_AUTH_TOKEN,
    });
    expect(
      parseSimulateCallArgs(["--to", "+15550100", "--transcript", "call.txt"], {
        PUBLIC_URL: "https://calls.example.com",
        TWILIO_AUTH_TOKEN: "from-env",
      }),
    ).toMatchObject({
      transcript: { file: "call.txt" },
      publicUrl: "https://calls.example.com",
      authToken: "from-env",
    });
  });

  it.each([
    [[], "--to is required"],
    [["--to", "+15550100"], "give what was said: --transcript <file>, --text <text> or --sample <industry>"],
    [["--to", "+15550100", "--text", "a", "--sample", "legal"], "give only one of --text, --sample"],
    [["--to", "5550100", "--text", "a"], '--to "5550100": must be a phone number in international form'],
    [["--to", "+15550100", "--from", "anonymous", "--text", "a"], '--from "anonymous": must be a phone number'],
    [["--to", "+15550100", "--text", "  "], "--text is empty"],
    [["--to", "+15550100", "--sample", "dentist"], '--sample "dentist": one of plumbing, real_estate'],
    [["--to", "+15550100", "--text", "a", "--url", "localhost"], '--url "localhost": must be a URL'],
    [["--to", "+15550100", "--text", "a", "--url", "ftp://x"], '--url "ftp://x": must be an http or https URL'],
    [["--to", "+15550100", "--text", "a", "--nope"], "Unknown option '--nope'"],
    [["--to"], "Option '--to <value>' argument missing"],
    [["--to", "+15550100", "--text", "a", "extra"], "Unexpected argument 'extra'"],
  ])("%j exits 2 with %j and the usage line", async (argv, message) => {
    const { io, out, err } = captureIo({ fetch: async () => new Response(null, { status: 599 }) });
    expect(await runCli(["simulate-call", ...argv], io)).toBe(EXIT_USAGE);
    expect(out).toEqual([]);
    const [line, usage] = (err[0] ?? "").split("\n");
    expect(line).toContain(`error: ${message}`);
    expect(usage).toMatch(/^usage: pnpm flynn simulate-call --to <number>/);
  });

  it("a transcript file that does not exist or is empty is a usage error", async () => {
    const dir = await mkdtemp(join(tmpdir(), "flynn-cli-"));
    await writeFile(join(dir, "empty.txt"), "\n  \n");
    for (const [file, problem] of [
      ["missing.txt", "no such file"],
      ["empty.txt", "is empty"],
    ] as const) {
      const { io, err } = captureIo({ cwd: dir });
      expect(await runCli(["simulate-call", "--to", "+15550100", "--transcript", file], io)).toBe(EXIT_USAGE);
      expect(err[0]).toContain(join(dir, file));
      expect(err[0]).toContain(problem);
    }
  });
});

describe("simulate-call", () => {
  it("reads the transcript file relative to where the command was run and sends the six signed requests", async () => {
    const dir = await mkdtemp(join(tmpdir(), "flynn-cli-"));
    await writeFile(join(dir, "call.txt"), "Caller: Can you come Friday at 3 to 9 Oak Street?\n");
    const api = signedEndpoint("http://localhost:8787", DEV_TWILIO_AUTH_TOKEN);
    const { io, out, err } = captureIo({ cwd: dir, fetch: api.fetch });
    expect(await runCli(["simulate-call", "--to", "+15550100", "--transcript", "call.txt"], io)).toBe(EXIT_OK);
    expect(err).toEqual([]);
    expect(api.requests.map((r) => new URL(r.url).pathname)).toEqual([
      "/webhooks/twilio/voice",
      "/webhooks/twilio/status",
      "/webhooks/twilio/status",
      "/webhooks/twilio/status",
      "/webhooks/twilio/recording",
      "/webhooks/twilio/transcription",
    ]);
    expect(api.requests.at(-1)?.params.TranscriptionText).toBe("Caller: Can you come Friday at 3 to 9 Oak Street?");
    expect(out[0]).toMatch(/^call CA[0-9a-f]{32} from \+14155552671 to \+15550100$/);
    expect(out).toHaveLength(8);
  });

  it("signs for --public-url while sending to --url", async () => {
    const api = signedEndpoint("https://calls.example.com", "prod-like-token");
    const { io } = captureIo({ fetch: api.fetch, env: { TWILIO_AUTH_TOKEN: "prod-like-token" } });
    const argv = ["simulate-call", "--to", "+15550100", "--sample", "plumbing", "--url", "http://127.0.0.1:8787"];
    expect(await runCli([...argv, "--public-url", "https://calls.example.com"], io)).toBe(EXIT_OK);
    expect(api.requests[0]?.url).toBe("http://127.0.0.1:8787/webhooks/twilio/voice");
    expect(api.requests.at(-1)?.params.TranscriptionText).toBe(
      (await readFile(sampleTranscriptPath("plumbing"), "utf8")).trim(),
    );
  });

  it("a refused signature exits 1 and explains what to check", async () => {
    const api = signedEndpoint("https://calls.example.com", DEV_TWILIO_AUTH_TOKEN);
    const { io, err } = captureIo({ fetch: api.fetch });
    expect(await runCli(["simulate-call", "--to", "+15550100", "--text", "hello"], io)).toBe(EXIT_FAILED);
    expect(err[0]).toContain("error: voice answered 403: the API refused the signature");
  });

  it("an API that is not running exits 1 and says so", async () => {
    const { io, err } = captureIo({
      fetch: async () => {
        throw new TypeError("fetch failed");
      },
    });
    expect(await runCli(["simulate-call", "--to", "+15550100", "--text", "hello"], io)).toBe(EXIT_FAILED);
    expect(err[0]).toContain("cannot reach the API at http://localhost:8787");
  });
});

describe("sample transcripts", () => {
  it.each(INDUSTRY_TYPES)("%s is a two-party call with a day, a time and a name", async (industry) => {
    const text = await readFile(sampleTranscriptPath(industry), "utf8");
    const lines = text.trim().split("\n");
    expect(new Set(lines.map((line) => line.split(":")[0]))).toEqual(new Set(["Business", "Caller"]));
    expect(text).toMatch(/Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|tomorrow/);
    expect(text).toMatch(/\b(a\.m\.|p\.m\.|morning|afternoon|one|two|nine|eleven|ten|eight)\b/);
    expect(text).toMatch(/my name is|this is|I'm /i);
  });
});
