// Staff accounts for the browser tests and the screen-reader walk, made the way a bank makes
// them: with the real `staff:add` script, against the test server's database.
import { execFileSync } from 'node:child_process';

/** The passcode every test staff account is made with. */
export const STAFF_PASSCODE = 'branch-passcode-1';

/** Makes a staff account (branch staff unless `role` says reviewer) with scripts/staff-add.ts
 *  in the store `storeEnv` names (`{ KINDLY_DB }`, or the PostgreSQL variables: see
 *  `serverStoreEnv`); returns its new id (S-7F3Q). Fails loudly if the script printed no id. */
export function addStaff(
  storeEnv: Record<string, string>,
  name: string,
  branch: string,
  role: 'branch' | 'reviewer' = 'branch',
): string {
  const out = execFileSync(
    'node_modules/.bin/tsx',
    ['scripts/staff-add.ts', '--name', name, '--branch', branch, '--role', role],
    {
      input: `${STAFF_PASSCODE}\n`,
      env: { ...process.env, ...storeEnv },
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
