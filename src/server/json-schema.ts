// The application schema (valibot) as JSON Schema, for the OpenAPI document: the document is
// generated from the one schema that validates, so the two cannot drift apart.
import { toJsonSchema as convert } from '@valibot/to-json-schema';
import type * as v from 'valibot';

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses) object. */
export type JsonSchema = Record<string, unknown>;

// What the application schema checks beyond types, bounds and patterns: tidying (trim,
// normalize), its own checks and cross-field rules. None has a JSON Schema form; the API's
// error codes describe them. Any other action the converter cannot express throws, so a new
// rule cannot silently go missing from the document.
const NOT_IN_JSON_SCHEMA = ['trim', 'normalize', 'check', 'raw_transform'];

/** The JSON Schema of a valibot schema, by valibot's own converter. The output type is the
 *  one described: it reads a pipeline from its last schema, which is how "who entered each
 *  answer" (a guard against arrays, then the object) becomes the object it guards. */
export function toJsonSchema(schema: v.GenericSchema): JsonSchema {
  const { $schema: _dialect, ...rest } = convert(schema, {
    target: 'draft-2020-12',
    typeMode: 'output',
    ignoreActions: NOT_IN_JSON_SCHEMA,
  });
  // OpenAPI 3.1 names the dialect once for the whole document.
  return rest as JsonSchema;
}
