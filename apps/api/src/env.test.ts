import { DEV_ENCRYPTION_KEY } from "@flynn/env";
import { DEV_TWILIO_AUTH_TOKEN } from "@flynn/telephony";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";

/** Everything production requires, set to production values. */
const PRODUCTION = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://flynn:pw@db.internal:5432/flynn",
  PUBLIC_URL: "https://app.flynn.example",
  WEB_ORIGIN: "https://app.flynn.example",
  BETTER_AUTH_SECRET: "x".repeat(40),
  TWILIO_AUTH_TOKEN: "a-real-twilio-auth-token",
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};

describe("environment", () => {
  it("needs nothing in development", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ NODE_ENV: "development", PORT: 8787, TRUST_PROXY: false });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.WEB_ORIGIN).toEqual(["http://localhost:5173", "http://localhost:4173"]);
  });

  it("in production names every missing variable at once", () => {
    const error = (() => {
      try {
        parseEnv({ NODE_ENV: "production" });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(EnvError);
    for (const name of [
      "DATABASE_URL",
      "PUBLIC_URL",
      "WEB_ORIGIN",
      "BETTER_AUTH_SECRET",
      "TWILIO_AUTH_TOKEN",
      "ENCRYPTION_KEY",
    ]) {
      expect(error?.message).toContain(`${name}: required in production`);
    }
  });

  it("refuses the demo account in production", () => {
    expect(() => parseEnv({ ...PRODUCTION, FLYNN_DEMO: "true" })).toThrow(/FLYNN_DEMO: not in production/);
    expect(parseEnv({ ...PRODUCTION, FLYNN_DEMO: "false" }).FLYNN_DEMO).toBe(false);
    // Unset, the server decides by NODE_ENV (server.ts): on in development only.
    expect(parseEnv(PRODUCTION).FLYNN_DEMO).toBeUndefined();
    expect(parseEnv({ FLYNN_DEMO: "1" }).FLYNN_DEMO).toBe(true);
  });

  it("refuses the development Twilio token and the benchmark routes in production", () => {
    expect(() =>
      parseEnv({ ...PRODUCTION, TWILIO_AUTH_TOKEN: DEV_TWILIO_AUTH_TOKEN, FLYNN_BENCH_ROUTES: "1" }),
    ).toThrow(/TWILIO_AUTH_TOKEN: the development token[\s\S]*FLYNN_BENCH_ROUTES: not in production/);
  });

  it("refuses the development encryption key in production, and a key that is not 32 bytes anywhere", () => {
    expect(() => parseEnv({ ...PRODUCTION, ENCRYPTION_KEY: DEV_ENCRYPTION_KEY })).toThrow(
      /ENCRYPTION_KEY: the development key/,
    );
    expect(() => parseEnv({ ENCRYPTION_KEY: "too-short" })).toThrow(/ENCRYPTION_KEY: must be 32 random bytes/);
    expect(() => parseEnv({ ENCRYPTION_KEYS_PREVIOUS: `${PRODUCTION.ENCRYPTION_KEY},nope` })).toThrow(
      /ENCRYPTION_KEYS_PREVIOUS\.1: must be 32 random bytes/,
    );
    expect(parseEnv({ ENCRYPTION_KEYS_PREVIOUS: PRODUCTION.ENCRYPTION_KEY }).ENCRYPTION_KEYS_PREVIOUS).toEqual([
      PRODUCTION.ENCRYPTION_KEY,
    ]);
  });

  it("names invalid values", () => {
    expect(() => parseEnv({ PORT: "eighty", DATABASE_URL: "mysql://x", BETTER_AUTH_SECRET: "short" })).toThrow(
      /DATABASE_URL: .*\n.*PORT: .*\n.*BETTER_AUTH_SECRET: must be at least 32 characters/,
    );
  });

  it("accepts a complete production environment", () => {
    const env = parseEnv({ ...PRODUCTION, TRUST_PROXY: "true" });
    expect(env).toMatchObject({ NODE_ENV: "production", TRUST_PROXY: true, WEB_ORIGIN: ["https://app.flynn.example"] });
  });

  it("takes a Twilio account SID (buying numbers) only with its auth token, and checks its form", () => {
    const sid = `AC${"0123456789abcdef".repeat(2)}`;
    expect(parseEnv({ TWILIO_ACCOUNT_SID: sid, TWILIO_AUTH_TOKEN: "token" }).TWILIO_ACCOUNT_SID).toBe(sid);
    expect(parseEnv({}).TWILIO_ACCOUNT_SID).toBeUndefined();
    expect(() => parseEnv({ TWILIO_ACCOUNT_SID: sid })).toThrow(/TWILIO_AUTH_TOKEN: required with TWILIO_ACCOUNT_SID/);
    expect(() => parseEnv({ TWILIO_ACCOUNT_SID: "AC123", TWILIO_AUTH_TOKEN: "token" })).toThrow(
      /TWILIO_ACCOUNT_SID: must be a Twilio account SID/,
    );
  });
});
