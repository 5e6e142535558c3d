import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  calendarClientProblems,
  calendarClientsEnv,
  calendarClientsFromEnv,
  commonEnv,
  EnvError,
  envParser,
} from "./index";

const DEV_SECRET = "dev-secret";
const parse = envParser(
  z.object({ ...commonEnv, SECRET: z.string().default(DEV_SECRET), PORT: z.coerce.number().int().default(80) }),
  {
    requiredInProduction: ["DATABASE_URL", "SECRET"],
    developmentValues: { SECRET: [DEV_SECRET, "the development secret"] },
    check: (source) => (source.PORT === "1" ? ["PORT: reserved"] : []),
  },
);

const problemsOf = (source: Record<string, string>) => {
  try {
    parse(source);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message
      .split("\n")
      .slice(1)
      .map((line) => line.trim());
  }
};

describe("envParser", () => {
  it("needs nothing in development", () => {
    expect(parse({})).toMatchObject({ NODE_ENV: "development", SECRET: DEV_SECRET, PORT: 80, LOG_LEVEL: "info" });
  });

  it("names every problem at once: invalid values, production requirements, development values, checks", () => {
    expect(problemsOf({ NODE_ENV: "production", PORT: "x", SECRET: DEV_SECRET, DATABASE_URL: "mysql://db" })).toEqual([
      expect.stringMatching(/^DATABASE_URL: /),
      expect.stringMatching(/^PORT: /),
      "SECRET: the development secret",
    ]);
    expect(problemsOf({ NODE_ENV: "production" })).toEqual([
      "DATABASE_URL: required in production",
      "SECRET: required in production",
    ]);
    expect(problemsOf({ PORT: "1" })).toEqual(["PORT: reserved"]);
  });

  it("accepts a complete production environment", () => {
    expect(
      parse({ NODE_ENV: "production", DATABASE_URL: "postgres://db.internal/flynn", SECRET: "s".repeat(40) }),
    ).toMatchObject({ NODE_ENV: "production", SECRET: "s".repeat(40) });
  });
});

describe("calendar OAuth clients", () => {
  const parseClients = envParser(z.object(calendarClientsEnv), {
    requiredInProduction: [],
    check: (source) => calendarClientProblems(source),
  });

  it("are optional, and a provider needs both its id and secret", () => {
    expect(calendarClientsFromEnv(parseClients({}))).toEqual({
      google: { clientId: undefined, clientSecret: undefined },
      microsoft: { clientId: undefined, clientSecret: undefined },
    });
    expect(
      calendarClientsFromEnv(parseClients({ GOOGLE_CLIENT_ID: "id", GOOGLE_CLIENT_SECRET: "test-client-secret" }))
        .google,
    ).toEqual({
      clientId: "id",
      clientSecret: "test-client-secret",
    });
    expect(() => parseClients({ GOOGLE_CLIENT_ID: "id", MICROSOFT_CLIENT_SECRET: "test-client-secret" })).toThrow(
      "GOOGLE_CLIENT_SECRET: required with GOOGLE_CLIENT_ID\n  MICROSOFT_CLIENT_ID: required with MICROSOFT_CLIENT_SECRET",
    );
  });
});
