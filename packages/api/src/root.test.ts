import { useTestDatabase } from "@flynn/db/testing";
import { describe, expect, it } from "vitest";
import { appRouter } from "./root";
import { callerFor } from "./testing";

const database = useTestDatabase();

/** Every procedure of the API, as "router.procedure". */
const procedures = Object.keys(appRouter._def.procedures);

describe("the API as a whole", () => {
  it("has the dashboard's routers", () => {
    const routers = new Set(procedures.map((path) => path.split(".")[0]));
    expect([...routers].sort()).toEqual(
      [
        "audit",
        "calendarFeed",
        "calendars",
        "calls",
        "communications",
        "events",
        "industry",
        "live",
        "phoneNumbers",
        "profile",
        "stats",
        "templates",
      ].sort(),
    );
    expect(procedures.length).toBeGreaterThan(30);
  });

  it.each(procedures)("%s refuses a caller without a session", async (path) => {
    const caller = callerFor(database.current.db, null) as unknown as Record<
      string,
      Record<string, (i?: unknown) => unknown>
    >;
    const [router, procedure] = path.split(".") as [string, string];
    const call = caller[router]?.[procedure];
    expect(call).toBeTypeOf("function");
    // Valid-looking input or none: the session check must come first either way.
    await expect(Promise.resolve().then(() => call?.({}))).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
