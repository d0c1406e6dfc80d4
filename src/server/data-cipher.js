// Personal data at rest: each value sealed with AES-256-GCM under the data key, a random
// nonce per value, and associated data naming what the value is (an application's field, a
// resume code's draft), so that a sealed value copied to another field or row fails to open.
//
// Plain JavaScript (types in data-cipher.d.ts): the SQLite writer thread seals applications
// and, like sqlite-writer.js, must run without a TypeScript loader.
import { createCipheriv, createDecipheriv, createHmac, randomFillSync } from 'node:crypto';

const IV_BYTES = 12;
const TAG_BYTES = 16;

// Nonces are taken from a pool filled from the system's random source a thousand at a time:
// asking it for each 12 bytes costs a quarter of the time of sealing a value. Each nonce is
// copied into the sealed value before the pool is filled again.
const ivPool = Buffer.alloc(IV_BYTES * 1024);
let ivAt = ivPool.length;
function nextIv() {
  if (ivAt === ivPool.length) {
    randomFillSync(ivPool);
    ivAt = 0;
  }
  ivAt += IV_BYTES;
  return ivPool.subarray(ivAt - IV_BYTES, ivAt);
}

/** Bytes of a data key (AES-256). */
export const DATA_KEY_BYTES = 32;

/** The fields of an application sealed at rest: who the applicant is, how to reach them,
 *  what they earn and owe, and their trusted contact. Everything else (product, amount,
 *  terms, figures, the answers to safety questions) stays readable to the back office. */
export const SEALED_FIELDS = [
  ['applicant', 'fullName'],
  ['applicant', 'dateOfBirth'],
  ['applicant', 'idNumber'],
  ['applicant', 'phone'],
  ['income'],
  ['trustedContact'],
];

/** A short public name of a key, stored beside what it sealed so reads pick the right key;
 *  derived by HMAC so it says nothing about the key. */
export function keyIdOf(key) {
  return createHmac('sha256', key).update('kindly data key id').digest('hex').slice(0, 16);
}

/** The cipher over a current key (used for every new value) and any older keys still
 *  accepted for reading. */
export function dataCipher(current, previous = []) {
  const keys = new Map();
  for (const key of [current, ...previous]) {
    if (key.length !== DATA_KEY_BYTES) throw new Error('a data key must be 32 bytes');
    keys.set(keyIdOf(key), key);
  }
  const keyId = keyIdOf(current);
  return {
    keyId,
    knows: (id) => keys.has(id),
    seal(plaintext, aad) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      cipher.setAAD(Buffer.from(aad));
      const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), sealed]);
    },
    open(sealed, aad, id) {
      const key = keys.get(id);
      if (!key) throw new Error(`no data key with id ${id} was given to this server`);
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(aad));
      decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([
        decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString('utf8');
    },
  };
}

function fieldAad(applicationId, path) {
  return `kindly application\0${applicationId}\0${path.join('.')}`;
}

/** An application's body JSON with each sealed field replaced by its sealed JSON (base64):
 *  the rest of the body stays JSON the database can read. */
export function sealBody(cipher, applicationId, json) {
  const body = JSON.parse(json);
  for (const path of SEALED_FIELDS) {
    const parent = path.length === 1 ? body : body[path[0]];
    const name = path[path.length - 1];
    if (parent?.[name] === undefined) continue;
    const value = JSON.stringify(parent[name]);
    parent[name] = cipher.seal(value, fieldAad(applicationId, path)).toString('base64');
  }
  return JSON.stringify(body);
}

/** The body JSON as it was before sealBody, opened with the key named `keyId`; throws when a
 *  value was altered or moved. */
export function openBody(cipher, applicationId, stored, keyId) {
  const body = JSON.parse(stored);
  for (const path of SEALED_FIELDS) {
    const parent = path.length === 1 ? body : body[path[0]];
    const name = path[path.length - 1];
    if (typeof parent?.[name] !== 'string') continue;
    const sealed = Buffer.from(parent[name], 'base64');
    parent[name] = JSON.parse(cipher.open(sealed, fieldAad(applicationId, path), keyId));
  }
  return JSON.stringify(body);
}

/** The associated data of a resume code's draft: its code's hash, so a draft cannot be moved
 *  under another code. */
export function draftAad(codeHash) {
  return Buffer.concat([Buffer.from('kindly resume-code draft\0'), codeHash]);
}
