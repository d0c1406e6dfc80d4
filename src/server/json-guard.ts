// What every JSON body must be before any route sees it: nested no deeper than people's data
// ever is (deeper nesting only serves to exhaust the stack of whatever walks or writes it, as
// JSON.stringify of a deep resume-code draft did), and made of
// well-formed Unicode (a lone UTF-16 surrogate, which JSON's \u escapes can carry, is no
// character at all and cannot be stored as UTF-8).
import { ApiError } from './errors';

/** The deepest nesting of objects and arrays a body may have (an application has 3). */
export const MAX_JSON_DEPTH = 32;

/** Whether a parsed JSON value nests objects and arrays deeper than `max` (the value itself
 *  is level 1). Never recurses deeper than `max` + 1, however deep the value. (V8's JSON.parse
 *  does not recurse, so parsing first is safe; walking or writing the value is what is not.) */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (max < 1) return true;
  // Index and key loops rather than Object.values: no array is made per object, on every body.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (nestsDeeperThan(value[i], max - 1)) return true;
    return false;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) if (nestsDeeperThan(record[key], max - 1)) return true;
  return false;
}

// In JSON text (decoded from UTF-8, where a surrogate cannot be written) a surrogate can only
// come from a \u escape: text without one needs no walk.
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/** Whether JSON text may hold a lone surrogate, judged from its escapes alone. */
export function mayHoldSurrogates(text: string): boolean {
  return SURROGATE_ESCAPE.test(text);
}

// In a `u` regular expression a surrogate pair is one code point, so only a lone half matches.
const LONE_SURROGATE = /\p{Cs}/u;

/** The dotted path of the first string (key or value) in `value` holding a lone surrogate:
 *  for a key, the path of the object holding it ('' at the top); undefined when there is none.
 *  Recursive: run it only on values whose depth is bounded. */
export function loneSurrogateAt(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
  for (const [key, item] of entries) {
    if (typeof key === 'string' && LONE_SURROGATE.test(key)) return path;
    const found = loneSurrogateAt(item, path ? `${path}.${key}` : String(key));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The 400 for a body nested deeper than MAX_JSON_DEPTH. */
export function tooDeep(): ApiError {
  return new ApiError(
    400,
    'json-too-deep',
    `The body nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels.`,
  );
}

/** The 400 for text that is not well-formed Unicode, at `path` ('' for the whole body). */
export function notUnicode(path: string): ApiError {
  return new ApiError(
    400,
    'text-not-unicode',
    'This text holds a lone UTF-16 surrogate, which is not a character.',
    path || null,
  );
}
