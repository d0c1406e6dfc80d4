// What every JSON body must be before any route sees it: nested no deeper than people's data
// ever is (deeper nesting only serves to exhaust the stack of whatever walks it), and made of
// well-formed Unicode (a lone UTF-16 surrogate, which JSON's \u escapes can carry, is no
// character at all and cannot be stored as UTF-8).
import { ApiError } from './errors';

/** The deepest nesting of objects and arrays a body may have (an application has 3). */
export const MAX_JSON_DEPTH = 32;

/** Whether JSON text nests objects and arrays deeper than `max`, found by one pass over the
 *  text before it is parsed (text that is not JSON at all is left to the parser). */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
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
