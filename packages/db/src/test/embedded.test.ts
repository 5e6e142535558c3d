import { mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EmbeddedPostgresError, startEmbeddedPostgres } from "../embedded";

const closers: Array<() => void> = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** A port held by something that is not our Postgres. */
async function foreignListener(): Promise<number> {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => server.close());
  return (server.address() as net.AddressInfo).port;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const scratch = () => mkdtempSync(path.join(tmpdir(), "flynn-embedded-"));

describe("embedded Postgres start-up errors", () => {
  it("a port taken by another program gives a one-line error saying what to do", async () => {
    const port = await foreignListener();
    const error = await startEmbeddedPostgres({ dataDir: scratch(), port }).catch((e) => e);
    expect(error).toBeInstanceOf(EmbeddedPostgresError);
    expect(error.message).toBe(
      `Port ${port} is taken by another program: stop it, or choose a free port with FLYNN_PG_PORT (FLYNN_TEST_PG_PORT for tests).`,
    );
  });

  it("a data folder that is a file is refused", async () => {
    const file = path.join(scratch(), "not-a-folder");
    writeFileSync(file, "x");
    await expect(startEmbeddedPostgres({ dataDir: file, port: await freePort() })).rejects.toThrow(
      new EmbeddedPostgresError(
        `Postgres data folder ${file} is a file, not a folder: delete it or set FLYNN_PG_DATA to another folder.`,
      ),
    );
  });

  it("a non-empty folder that holds no cluster is refused, and left untouched", async () => {
    const dir = scratch();
    writeFileSync(path.join(dir, "notes.txt"), "mine");
    const error = await startEmbeddedPostgres({ dataDir: dir, port: await freePort() }).catch((e) => e);
    expect(error).toBeInstanceOf(EmbeddedPostgresError);
    expect(error.message).toMatch(/is not empty and holds no Postgres cluster: delete it or set FLYNN_PG_DATA/);
    expect(error.message).not.toContain("\n");
  });
});
