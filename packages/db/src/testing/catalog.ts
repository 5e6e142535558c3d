/**
 * A comparable description of what a database holds for the given tables: columns, constraints,
 * indexes, policies, triggers and row-level security, read from the Postgres catalogs and
 * rendered by Postgres itself (so two schemas written differently compare equal when they are).
 */
import pg from "pg";

export interface Catalog {
  columns: Record<string, { type: string; nullable: boolean; default: string | null }>;
  constraints: Record<string, string>;
  indexes: Record<string, string>;
  policies: Record<string, { command: string; using: string | null; withCheck: string | null; roles: string }>;
  triggers: Record<string, string>;
  rowLevelSecurity: Record<string, boolean>;
}

export const SPEC_TABLES = [
  "users",
  "phone_numbers",
  "calls",
  "events",
  "calendar_integrations",
  "email_templates",
  "communication_logs",
  "industry_configurations",
  "audit_logs",
] as const;

export async function readCatalog(url: string, tables: readonly string[] = SPEC_TABLES): Promise<Catalog> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async (text: string) => (await client.query(text, [tables])).rows;
    const catalog: Catalog = {
      columns: {},
      constraints: {},
      indexes: {},
      policies: {},
      triggers: {},
      rowLevelSecurity: {},
    };
    for (const r of await q(`
      SELECT c.relname AS t, a.attname AS col, format_type(a.atttypid, a.atttypmod) AS type,
             NOT a.attnotnull AS nullable, pg_get_expr(d.adbin, d.adrelid) AS def
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = 'public' AND c.relname = ANY($1) AND a.attnum > 0 AND NOT a.attisdropped`)) {
      catalog.columns[`${r.t}.${r.col}`] = { type: r.type, nullable: r.nullable, default: r.def };
    }
    for (const r of await q(`
      SELECT c.relname AS t, con.conname AS name, pg_get_constraintdef(con.oid) AS def
      FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname = ANY($1)`)) {
      catalog.constraints[`${r.t}.${r.name}`] = r.def;
    }
    for (const r of await q(`
      SELECT tablename AS t, indexname AS name, indexdef AS def FROM pg_indexes
      WHERE schemaname = 'public' AND tablename = ANY($1)`)) {
      catalog.indexes[r.name] = r.def;
    }
    for (const r of await q(`
      SELECT tablename AS t, policyname AS name, cmd, qual, with_check, array_to_string(roles, ',') AS roles
      FROM pg_policies WHERE schemaname = 'public' AND tablename = ANY($1)`)) {
      catalog.policies[`${r.t}.${r.name}`] = { command: r.cmd, using: r.qual, withCheck: r.with_check, roles: r.roles };
    }
    for (const r of await q(`
      SELECT c.relname AS t, t.tgname AS name, pg_get_triggerdef(t.oid) AS def
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname = ANY($1) AND NOT t.tgisinternal`)) {
      catalog.triggers[r.name] = r.def;
    }
    for (const r of await q(`
      SELECT c.relname AS t, c.relrowsecurity AS rls FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname = ANY($1) AND c.relkind = 'r'`)) {
      catalog.rowLevelSecurity[r.t] = r.rls;
    }
    return catalog;
  } finally {
    await client.end();
  }
}

/** Signature and result columns of a function, as Postgres prints them. */
export async function readFunction(url: string, name: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT pg_get_function_identity_arguments(p.oid) AS args, pg_get_function_result(p.oid) AS result,
              p.prosecdef AS security_definer
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND p.proname = $1`,
      [name],
    );
    return rows as Array<{ args: string; result: string; security_definer: boolean }>;
  } finally {
    await client.end();
  }
}
