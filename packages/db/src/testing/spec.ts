/**
 * The SQL of the data-model spec (packages/db/spec/flynn-v2-database-schema.md, a copy of the
 * shared spec), by section, so tests can build the spec's own database and compare ours to it.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const SPEC_PATH = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../spec/flynn-v2-database-schema.md",
);

/** The ```sql blocks under the `## <heading>` section of the spec. */
export function specSql(heading: "Database Tables" | "Database Functions" | "Initial Data Setup"): string[] {
  const markdown = readFileSync(SPEC_PATH, "utf8");
  const section = markdown.split(/^## /m).find((s) => s.startsWith(`${heading}\n`));
  if (!section) throw new Error(`spec has no section "${heading}"`);
  return [...section.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1] as string);
}
