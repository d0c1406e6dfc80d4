// Staff accounts for the browser tests and the screen-reader walk, made the way a bank makes
// them: with the real `staff:add` script, against the test server's database.
import { execFileSync } from 'node:child_process';

/** The passcode every test staff account is made with. */
export const STAFF_PASSCODE = 'branch-passcode-1';

/** Makes a branch staff account in the database at `dbPath` with scripts/staff-add.ts;
 *  returns its new id (S-7F3Q). Fails loudly if the script printed no id. */
export function addStaff(dbPath: string, name: string, branch: string): string {
  const out = execFileSync(
    'node_modules/.bin/tsx',
    ['scripts/staff-add.ts', '--name', name, '--branch', branch],
    {
      input: `${STAFF_PASSCODE}\n`,
      env: { ...process.env, KINDLY_DB: dbPath },
      encoding: 'utf8',
      // Its account note would clutter the test's output; a failure carries it in its message.
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const id = out.trim().split('\n').pop() ?? '';
  if (!/^S-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$/.test(id)) {
    throw new Error(`staff-add printed no staff id: ${JSON.stringify(out)}`);
  }
  return id;
}
