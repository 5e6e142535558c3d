import { useTestDatabase } from "@flynn/db/testing";
import { describe, expect, it } from "vitest";
import { createAuth } from "./index";
import { createSessionResolver, verifySessionCookie } from "./session";

const database = useTestDatabase();
const secret = "session-test-secret-session-test-secret";

async function signedUp() {
  const { db } = database.current;
  const auth = createAuth({ db, secret, baseURL: "http://localhost:8787", trustedOrigins: [] });
  const email = `owner-${crypto.randomUUID()}@example.test`;
  const response = await auth.handler(
    new Request("http://localhost:8787/api/auth/sign-up/email", {
      method: "POST",
      headers: { "content-type": "application/json", "x-flynn-client-ip": "192.0.2.10" },
      body: JSON.stringify({ email, password: "correct horse battery", name: "Owner" }),
    }),
  );
  expect(response.status).toBe(200);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { auth, email, cookie, resolve: createSessionResolver(db, secret) };
}

describe("session resolver", () => {
  it("finds the same user as better-auth from the session cookie", async () => {
    const { auth, email, cookie, resolve } = await signedUp();
    const headers = new Headers({ cookie });
    const theirs = await auth.api.getSession({ headers });
    expect(await resolve(headers)).toEqual({ id: theirs?.user.id, email, isActive: true });
  });

  it("refuses a tampered cookie, a cookie signed with another secret, and no cookie", async () => {
    const { cookie, resolve } = await signedUp();
    const [name, value] = cookie.split("=") as [string, string];
    const decoded = decodeURIComponent(value);
    const token = decoded.slice(0, decoded.lastIndexOf("."));
    const forged = `${name}=${encodeURIComponent(`${token}x${decoded.slice(decoded.lastIndexOf("."))}`)}`;
    expect(await resolve(new Headers({ cookie: forged }))).toBeNull();
    expect(verifySessionCookie(cookie, "another-secret-another-secret-another")).toBeNull();
    expect(await resolve(new Headers())).toBeNull();
    expect(await resolve(new Headers({ cookie: `${name}=${encodeURIComponent(token)}` }))).toBeNull();
  });

  it("refuses an expired or deleted session", async () => {
    const { db } = database.current;
    const { cookie, email, resolve } = await signedUp();
    const headers = new Headers({ cookie });
    await db.$client.query(
      "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE user_id = (SELECT id FROM users WHERE email = $1)",
      [email],
    );
    expect(await resolve(headers)).toBeNull();
    await db.$client.query("DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = $1)", [email]);
    expect(await resolve(headers)).toBeNull();
  });

  it("reports a deactivated user as inactive", async () => {
    const { db } = database.current;
    const { cookie, email, resolve } = await signedUp();
    await db.$client.query("UPDATE users SET is_active = false WHERE email = $1", [email]);
    expect(await resolve(new Headers({ cookie }))).toMatchObject({ email, isActive: false });
  });
});
