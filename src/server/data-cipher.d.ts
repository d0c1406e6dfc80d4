// Types of data-cipher.js, which is JavaScript so that the writer thread can run it.

/** Bytes of a data key (AES-256). */
export declare const DATA_KEY_BYTES: 32;

/** The fields of an application sealed at rest, as paths into its body. */
export declare const SEALED_FIELDS: readonly (readonly string[])[];

/** A short public name of a key, stored beside what it sealed. */
export declare function keyIdOf(key: Buffer): string;

/** AES-256-GCM under the current data key, opening with it or any older key given. */
export interface DataCipher {
  /** The id of the key new values are sealed with. */
  keyId: string;
  /** Whether a key with this id was given. */
  knows(id: string): boolean;
  /** iv | tag | ciphertext of the text, bound to the associated data. */
  seal(plaintext: string, aad: string | Buffer): Buffer;
  /** The text sealed under key `id`; throws when it was altered or the key is unknown. */
  open(sealed: Buffer, aad: string | Buffer, id: string): string;
}

/** The cipher over a current key and any older keys still accepted for reading. */
export declare function dataCipher(current: Buffer, previous?: readonly Buffer[]): DataCipher;

/** An application's body JSON with its personal fields sealed. */
export declare function sealBody(cipher: DataCipher, applicationId: string, json: string): string;

/** The body JSON as it was before sealBody; throws when a value was altered or moved. */
export declare function openBody(
  cipher: DataCipher,
  applicationId: string,
  stored: string,
  keyId: string,
): string;

/** The associated data of a resume code's draft. */
export declare function draftAad(codeHash: Buffer): Buffer;
