import { createDb } from "@flynn/db/client";
import { useTestDatabase } from "@flynn/db/testing";
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { browserHeaders, createTestApp, randomIp, sessionCookie, signUp, trpcClient, WEB_ORIGIN } from "./testing";

const database = useTestDatabase();
const email = () => `owner-${crypto.randomUUID()}@example.test`;

describe("health", () => {
  it("/healthz answers while the process is up", async () => {
    const { app } = createTestApp(database.current.db);
    const response = await app.request("/healthz");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("/readyz is 200 with the database and 503 without it", async () => {
    expect((await createTestApp(database.current.db).app.request("/readyz")).status).toBe(200);
    const unreachable = createDb({ url: "postgres://postgres:postgres@127.0.0.1:9/none" });
    const response = await createTestApp(unreachable.db).app.request("/readyz");
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable", reason: "database not reachable" });
    await unreachable.close();
  });

  it("unknown routes get a JSON 404, every response has security headers and a request id", async () => {
    const response = await createTestApp(database.current.db).app.request("/nope");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "Not found" });
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(response.headers.get("x-request-id")).toMatch(/^[\w-]{8,}$/);
  });
});

describe("auth over HTTP", () => {
  it("signs up, sets an httpOnly session cookie, and the cookie opens the tRPC API", async () => {
    const { app } = createTestApp(database.current.db);
    const ip = randomIp();
    const address = email();
    const { response, cookie } = await signUp(app, ip, address);
    const setCookie = response.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/flynn\.session_token=[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    const profile = await trpcClient(app, browserHeaders(ip, cookie)).profile.get.query();
    expect(profile).toMatchObject({
      email: address,
      fullName: "Test Owner",
      subscriptionTier: "basic",
      isActive: true,
    });
    expect(profile.lastLoginAt).toBeInstanceOf(Date);
  });

  it("refuses the tRPC API without a session", async () => {
    const { app } = createTestApp(database.current.db);
    const error = await trpcClient(app, browserHeaders(randomIp()))
      .profile.get.query()
      .catch((e) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect(error.data).toMatchObject({ code: "UNAUTHORIZED", httpStatus: 401 });
  });

  it("signs in with the password, stamps last_login_at, rejects a wrong password, and signs out", async () => {
    const { db } = database.current;
    const { app } = createTestApp(db);
    const ip = randomIp();
    const address = email();
    await signUp(app, ip, address);
    await db.$client.query("UPDATE users SET last_login_at = NULL WHERE email = $1", [address]);

    const wrong = await app.request("/api/auth/sign-in/email", {
      method: "POST",
      headers: browserHeaders(ip),
      body: JSON.stringify({ email: address, password: "not the password" }),
    });
    expect(wrong.status).toBe(401);

    const signIn = await app.request("/api/auth/sign-in/email", {
      method: "POST",
      headers: browserHeaders(ip),
      body: JSON.stringify({ email: address, password: "correct horse battery" }),
    });
    expect(signIn.status).toBe(200);
    const { rows } = await db.$client.query("SELECT last_login_at FROM users WHERE email = $1", [address]);
    expect(Date.now() - rows[0].last_login_at.getTime()).toBeLessThan(60_000);

    const cookie = sessionCookie(signIn);
    const signOut = await app.request("/api/auth/sign-out", { method: "POST", headers: browserHeaders(ip, cookie) });
    expect(signOut.status).toBe(200);
    await expect(trpcClient(app, browserHeaders(ip, cookie)).profile.get.query()).rejects.toMatchObject({
      data: { code: "UNAUTHORIZED" },
    });
  });

  it("an inactive account cannot sign in", async () => {
    const { db } = database.current;
    const { app } = createTestApp(db);
    const ip = randomIp();
    const address = email();
    await signUp(app, ip, address);
    await db.$client.query("UPDATE users SET is_active = false WHERE email = $1", [address]);
    const response = await app.request("/api/auth/sign-in/email", {
      method: "POST",
      headers: browserHeaders(ip),
      body: JSON.stringify({ email: address, password: "correct horse battery" }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: "ACCOUNT_DEACTIVATED" });
    expect(response.headers.getSetCookie().join("")).not.toContain("session_token=");
  });

  it("rejects state-changing requests from an origin that is not the dashboard's", async () => {
    const { db } = database.current;
    const { app } = createTestApp(db);
    const ip = randomIp();
    const { cookie } = await signUp(app, ip, email());
    // A forged cross-site request carrying the victim's cookie changes nothing.
    const forged = await app.request("/trpc/profile.update", {
      method: "POST",
      headers: { ...browserHeaders(ip, cookie), origin: "https://evil.example" },
      body: JSON.stringify({ json: { companyName: "Hacked" } }),
    });
    expect(forged.status).toBe(403);
    const profile = await trpcClient(app, browserHeaders(ip, cookie)).profile.get.query();
    expect(profile.companyName).toBeNull();
  });

  it("rejects sign-up from an origin that is not the dashboard's", async () => {
    const { app } = createTestApp(database.current.db);
    const response = await app.request("/api/auth/sign-up/email", {
      method: "POST",
      headers: { ...browserHeaders(randomIp()), origin: "https://evil.example" },
      body: JSON.stringify({ email: email(), password: "correct horse battery", name: "Mallory" }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: "Origin not allowed" });
  });

  it("answers CORS preflights for the dashboard's origin only, with credentials", async () => {
    const { app } = createTestApp(database.current.db);
    const preflight = (origin: string) =>
      app.request("/trpc/profile.get", {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "GET" },
      });
    const allowed = await preflight(WEB_ORIGIN);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(WEB_ORIGIN);
    expect(allowed.headers.get("access-control-allow-credentials")).toBe("true");
    const denied = await preflight("https://evil.example");
    expect(denied.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("rate-limits sign-in attempts per client IP", async () => {
    const { app } = createTestApp(database.current.db);
    const ip = randomIp();
    const attempt = () =>
      app.request("/api/auth/sign-in/email", {
        method: "POST",
        headers: browserHeaders(ip),
        body: JSON.stringify({ email: "nobody@example.test", password: "wrong password" }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await attempt()).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    // Another client is not affected.
    const other = await app.request("/api/auth/sign-in/email", {
      method: "POST",
      headers: browserHeaders(randomIp()),
      body: JSON.stringify({ email: "nobody@example.test", password: "wrong password" }),
    });
    expect(other.status).toBe(401);
  });

  it("does not count reading one's session: every page load asks, and nothing is written for it", async () => {
    const { app } = createTestApp(database.current.db);
    const ip = randomIp();
    const { cookie } = await signUp(app, ip, email());
    for (let i = 0; i < 3; i++) {
      const session = await app.request("/api/auth/get-session", { headers: browserHeaders(ip, cookie) });
      expect(session.status).toBe(200);
      expect(((await session.json()) as { user?: unknown }).user).toBeTruthy();
    }
    const { rows } = await database.current.db.$client.query<{ key: string }>(
      "SELECT key FROM rate_limits WHERE key LIKE $1 ORDER BY key",
      [`${ip}|%`],
    );
    // Signing up is counted; the three session reads are not.
    expect(rows.map((row) => row.key)).toEqual([`${ip}|/sign-up/email`]);
  });
});

describe("tRPC over HTTP", () => {
  it("runs mutations under the user's session with IP and user agent in the audit trail", async () => {
    const { db } = database.current;
    const { app } = createTestApp(db);
    const ip = randomIp();
    const { cookie } = await signUp(app, ip, email());
    const client = trpcClient(app, browserHeaders(ip, cookie));
    const profile = await client.profile.update.mutate({ companyName: "Acme Plumbing" });
    const { rows } = await db.$client.query(
      "SELECT host(ip_address) AS ip, user_agent, new_values FROM audit_logs WHERE resource_id = $1 AND action = 'user.updated' AND new_values ? 'company_name'",
      [profile.id],
    );
    expect(rows).toEqual([
      { ip, user_agent: "Mozilla/5.0 (X11; Linux x86_64) FlynnTest", new_values: { company_name: "Acme Plumbing" } },
    ]);
  });

  it("answers bad input with 400 naming the fields", async () => {
    const { app } = createTestApp(database.current.db);
    const ip = randomIp();
    const { cookie } = await signUp(app, ip, email());
    const error = await trpcClient(app, browserHeaders(ip, cookie))
      .profile.update.mutate({ timezone: "Nowhere/Land" })
      .catch((e) => e);
    expect(error.data).toMatchObject({
      code: "BAD_REQUEST",
      httpStatus: 400,
      fieldErrors: { timezone: [expect.any(String)] },
    });
    // Stack traces stay in the server's log.
    expect(error.data.stack).toBeUndefined();
  });

  it("logs one JSON line per request with a request id, and no email or password", async () => {
    const { app, logLines } = createTestApp(database.current.db);
    const address = email();
    await signUp(app, randomIp(), address);
    const requestLines = logLines.filter((line) => line.msg === "request");
    expect(requestLines).toEqual([
      expect.objectContaining({
        method: "POST",
        path: "/api/auth/sign-up/email",
        status: 200,
        requestId: expect.any(String),
      }),
    ]);
    const everything = JSON.stringify(logLines);
    expect(everything).not.toContain(address);
    expect(everything).not.toContain("correct horse battery");
  });
});
