import { EmbeddedPostgresError } from "../embedded";

/** Runs a CLI's main: known failures print one line, anything else its stack; exit 1. */
export function runMain(main: () => Promise<number | undefined>): void {
  main().then(
    (code) => process.exit(code ?? 0),
    (error: unknown) => {
      if (error instanceof EmbeddedPostgresError) console.error(`error: ${error.message}`);
      else console.error(error);
      process.exit(1);
    },
  );
}
