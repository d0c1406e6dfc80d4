// `npm run data:rekey`: seals again, under the current data key (KINDLY_DATA_KEY or
// KINDLY_DATA_KEY_FILE), every application and resume-code draft of KINDLY_DB (or KINDLY_DATABASE_URL) still sealed
// under the previous one (KINDLY_DATA_KEY_PREVIOUS or KINDLY_DATA_KEY_PREVIOUS_FILE). Safe
// while the server runs: it works in small transactions, and the server reads both keys.
// See docs/data-protection.md.
import { readConfig } from '../src/server/config';
import { openStore } from '../src/server/open-store';

async function main() {
  const config = readConfig();
  const { store } = await openStore(config);
  try {
    const { applications, drafts } = await store.rekey();
    process.stdout.write(
      `Sealed again under the current data key: ${applications} applications, ${drafts} ` +
        'resume-code drafts. Nothing is sealed under any other key now.\n',
    );
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Nothing was changed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
