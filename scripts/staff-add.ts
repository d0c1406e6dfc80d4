// `npm run staff:add -- --name "Li Wei" --branch "Pudong 3" [--role reviewer]`: makes a staff
// account (branch staff unless --role says reviewer) in the server's database (KINDLY_DB or
// KINDLY_DATABASE_URL, as the server reads them) and prints its new id, such as
// S-7F3Q. The passcode is asked twice on the terminal without echo or, when standard input
// is not a terminal, read from it (one line, or two lines that must be equal), so that
// scripts and tests can pipe it in. It is stored only as an Argon2id hash with its own salt.
import { parseArgs } from 'node:util';
import { readConfig } from '../src/server/config';
import { openStore } from '../src/server/open-store';
import { hashPasscode, MIN_PASSCODE_LENGTH, makeStaffId } from '../src/server/staff';
import type { StaffRole } from '../src/server/store';

const MAX_TEXT = 80;
const MAX_PASSCODE = 256;

class Refusal extends Error {}

// A name or branch as people read it: NFC, spaces collapsed, no control characters.
function cleanText(label: string, raw: string | undefined): string {
  const value = (raw ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!value) throw new Refusal(`Give the staff member's ${label}: --${label} "…".`);
  if ([...value].length > MAX_TEXT) {
    throw new Refusal(`The ${label} is longer than ${MAX_TEXT} characters.`);
  }
  if (/[\p{Cc}\u202A-\u202E\u2066-\u2069]/u.test(value)) {
    throw new Refusal(`The ${label} contains control characters.`);
  }
  return value;
}

function readRole(raw: string | undefined): StaffRole {
  if (raw === undefined || raw === 'branch') return 'branch';
  if (raw === 'reviewer') return 'reviewer';
  throw new Refusal('The role is either "branch" (the default) or "reviewer".');
}

function checkPasscode(passcode: string): string {
  const length = [...passcode].length;
  if (length < MIN_PASSCODE_LENGTH) {
    throw new Refusal(`The passcode must have at least ${MIN_PASSCODE_LENGTH} characters.`);
  }
  if (length > MAX_PASSCODE) {
    throw new Refusal(`The passcode must have at most ${MAX_PASSCODE} characters.`);
  }
  return passcode;
}

// One line typed on the terminal with nothing shown; Ctrl-C stops the script.
function askHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  let typed = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          input.off('data', onData);
          input.setRawMode(false);
          input.pause();
          process.stderr.write('\n');
          resolve(typed);
          return;
        }
        if (char === '\u0003') {
          input.setRawMode(false);
          process.stderr.write('\n');
          reject(new Refusal('Stopped; no account was made.'));
          return;
        }
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    input.on('data', onData);
  });
}

async function readPiped(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const [first = '', second = ''] = Buffer.concat(chunks).toString('utf8').split(/\r?\n/);
  if (second !== '' && second !== first) throw new Refusal('The two passcodes are not the same.');
  return first;
}

async function readPasscode(): Promise<string> {
  if (!process.stdin.isTTY) return checkPasscode(await readPiped());
  const first = checkPasscode(await askHidden('Passcode (at least 6 characters): '));
  const again = await askHidden('The same passcode again: ');
  if (again !== first) throw new Refusal('The two passcodes are not the same.');
  return first;
}

async function main() {
  const { values } = parseArgs({
    options: { name: { type: 'string' }, branch: { type: 'string' }, role: { type: 'string' } },
    strict: true,
  });
  const name = cleanText('name', values.name);
  const branch = cleanText('branch', values.branch);
  const role = readRole(values.role);
  const passcodeHash = await hashPasscode(await readPasscode());
  const config = readConfig();
  const { store, madeFile } = await openStore(config);
  if (madeFile) {
    console.error(`No data key was configured: made one in ${madeFile} (mode 600).`);
  }
  try {
    // A clash of ids is rare; ten in a row means something is broken, not unlucky.
    for (let attempt = 0; attempt < 10; attempt++) {
      const id = makeStaffId();
      const createdAt = new Date().toISOString();
      if (await store.staff.add({ id, name, branch, role, passcodeHash, createdAt })) {
        const what = role === 'reviewer' ? 'Reviewer account' : 'Staff account';
        console.error(`${what} made for ${name}, ${branch}. Their staff id:`);
        console.log(id);
        return;
      }
    }
    throw new Error('no free staff id after ten tries');
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof Refusal ? message : `No account was made: ${message}`);
  process.exit(1);
});
