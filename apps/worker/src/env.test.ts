import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

const production = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://flynn@db.example:5432/flynn",
  EMAIL_FROM: "Joe's Plumbing <calls@flynn.example>",
  WEB_URL: "https://app.flynn.example",
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  TWILIO_ACCOUNT_SID: `AC${"a".repeat(32)}`,
  TWILIO_AUTH_TOKEN: "test-twilio-token",
};

describe("worker environment: the API's address", () => {
  it("development needs nothing: PUBLIC_URL is the local API", () => {
    expect(parseEnv({}).PUBLIC_URL).toBe("http://localhost:8787");
  });

  it("production needs PUBLIC_URL (Twilio reports texts' delivery there; emails link to its .ics files)", () => {
    expect(() => parseEnv(production)).toThrow(EnvError);
    expect(() => parseEnv(production)).toThrow(/PUBLIC_URL: required in production/);
    expect(parseEnv({ ...production, PUBLIC_URL: "https://api.flynn.example" }).PUBLIC_URL).toBe(
      "https://api.flynn.example",
    );
  });
});
