/**
 * `pnpm flynn seal-contacts`: the one-off backfill that seals customers' phone numbers and
 * emails written before they were sealed (see @flynn/db/queries/seal-contacts). Reads the
 * same DATABASE_URL and ENCRYPTION_KEY (ENCRYPTION_KEYS_PREVIOUS) as the API and the worker;
 * without DATABASE_URL, the embedded development database.
 */
import { createDb } from "@flynn/db/client";
import { startDevelopmentDatabase } from "@flynn/db/embedded";
import { sealPlaintextContacts } from "@flynn/db/queries/seal-contacts";
import { commonEnv, EnvError, encryptionKeyRules, envParser, keyringFromEnv } from "@flynn/env";
import { z } from "zod";
import { type CliIo, EXIT_FAILED, EXIT_OK, parseOptions } from "./cli";

export const SEAL_CONTACTS_USAGE = "usage: pnpm flynn seal-contacts";

export const SEAL_CONTACTS_HELP = `${SEAL_CONTACTS_USAGE}

Seals (AES-256-GCM) the customers' phone numbers and emails that events still hold in
plaintext, from before Flynn sealed them, and fills their lookup hashes. Run it once after
upgrading, with the API's DATABASE_URL and ENCRYPTION_KEY (and ENCRYPTION_KEYS_PREVIOUS, if
any); without DATABASE_URL it works on the embedded development database. Rows already sealed
are left alone: a second run changes nothing, and a run that stopped is finished by the next.`;

const parseEnv = envParser(
  z.object({
    NODE_ENV: commonEnv.NODE_ENV,
    DATABASE_URL: commonEnv.DATABASE_URL,
    ENCRYPTION_KEY: commonEnv.ENCRYPTION_KEY,
    ENCRYPTION_KEYS_PREVIOUS: commonEnv.ENCRYPTION_KEYS_PREVIOUS,
  }),
  { ...encryptionKeyRules, requiredInProduction: ["DATABASE_URL", ...encryptionKeyRules.requiredInProduction] },
);

/** DATABASE_URL, else the embedded development database (started for the run unless running). */
async function databaseOf(url: string | undefined): Promise<{ url: string; stop?: () => Promise<void> }> {
  if (url) return { url };
  const embedded = await startDevelopmentDatabase();
  return { url: embedded.url, stop: () => embedded.stop() };
}

export async function runSealContacts(argv: string[], io: CliIo): Promise<number> {
  parseOptions(argv, []);
  let env: ReturnType<typeof parseEnv>;
  try {
    env = parseEnv(io.env);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    io.stderr(`error: ${error.message}`);
    return EXIT_FAILED;
  }
  const keyring = keyringFromEnv(env);
  const target = await databaseOf(env.DATABASE_URL);
  const database = createDb({ url: target.url, max: 1 });
  try {
    const { checked, sealed } = await sealPlaintextContacts(database.db, keyring);
    io.stdout(
      sealed === 0
        ? "nothing to seal: every customer contact is sealed already."
        : `sealed the customer contacts of ${sealed} event${sealed === 1 ? "" : "s"} (${checked} checked).`,
    );
    return EXIT_OK;
  } catch (error) {
    io.stderr(`error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILED;
  } finally {
    await database.close();
    await target.stop?.();
  }
}
