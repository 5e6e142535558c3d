/**
 * Vitest globalSetup for every package whose tests need Postgres: starts (or joins) the
 * embedded test server unless TEST_DATABASE_URL names one, migrates a template database
 * once, and hands both to the test files, which each clone their own database from it.
 */
import { randomBytes } from "node:crypto";
import { runMigrations as installJobQueue } from "graphile-worker";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, TEST_POSTGRES } from "../embedded";
import { runMigrations } from "../migrate";
import "./provided";
import { withDatabaseUrl } from "./urls";

export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL;
  const server = external ? undefined : await startEmbeddedPostgres(TEST_POSTGRES);
  const adminUrl = external ?? (server as NonNullable<typeof server>).adminUrl;

  const template = `flynn_tpl_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const started = performance.now();
  await admin.query(`CREATE DATABASE ${template}`);
  await runMigrations(withDatabaseUrl(adminUrl, template));
  // Triggers queue jobs (migration 0015), so every test database has the job queue's schema,
  // as every deployed one does once the API or the worker has started.
  await installJobQueue({ connectionString: withDatabaseUrl(adminUrl, template) });
  console.log(`[db] template database migrated in ${Math.round(performance.now() - started)} ms`);

  project.provide("flynnTestDatabase", { adminUrl, template });

  return async () => {
    // Test databases of this run are named after the template; drop any a crash left behind.
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2",
      [template, `${template}\\_%`],
    );
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
    await server?.stop();
  };
}
