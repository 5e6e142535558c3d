/** pnpm --filter @flynn/db db:check: fails when the schema changed without a migration. */
import { checkDrift } from "../drift";
import { runMain } from "./run";

runMain(async () => {
  const report = await checkDrift();
  if (!report.drifted) {
    console.log("schema and migrations agree");
    return 0;
  }
  console.error(
    `error: the Drizzle schema has changes no migration holds (drizzle-kit would add ${report.wouldAdd.join(", ")}); run pnpm db:generate and commit the migration.`,
  );
  return 1;
});
