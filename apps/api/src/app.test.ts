import { describe, expect, it } from "vitest";
import { createApp } from "./app";

describe("api app", () => {
  it("answers /healthz", async () => {
    const response = await createApp().request("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("answers 404 for an unknown route", async () => {
    expect((await createApp().request("/nope")).status).toBe(404);
  });
});
