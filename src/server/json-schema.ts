// The application schema (valibot) as JSON Schema, for the OpenAPI document: the document is
// generated from the one schema that validates, so the two cannot drift apart. Covers what
// src/loan/application.ts uses; transformations and custom checks have no JSON Schema form
// and are described in the API's error codes instead.
import type * as v from 'valibot';

type AnySchema = v.GenericSchema & {
  pipe?: readonly { kind: string; type: string; requirement?: unknown; description?: string }[];
  entries?: Record<string, AnySchema>;
  wrapped?: AnySchema;
  options?: readonly unknown[];
  literal?: unknown;
  default?: unknown;
};

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses) object. */
export type JsonSchema = Record<string, unknown>;

/** The JSON Schema of a valibot schema built from strict objects, strings, numbers,
 *  booleans, picklists, literals, optional and nullable, with length and value bounds. */
export function toJsonSchema(schema: v.GenericSchema): JsonSchema {
  const s = schema as AnySchema;
  const out: JsonSchema = {};
  switch (s.type) {
    case 'strict_object': {
      const properties: Record<string, JsonSchema> = {};
      const required: string[] = [];
      for (const [key, entry] of Object.entries(s.entries ?? {})) {
        properties[key] = toJsonSchema(entry);
        if (entry.type !== 'optional') required.push(key);
      }
      Object.assign(out, { type: 'object', properties, required, additionalProperties: false });
      break;
    }
    case 'string':
    case 'number':
    case 'boolean':
      out.type = s.type;
      break;
    case 'picklist':
      out.enum = [...(s.options ?? [])];
      break;
    case 'literal':
      out.const = s.literal;
      break;
    case 'nullable':
      return { anyOf: [toJsonSchema(s.wrapped as AnySchema), { type: 'null' }] };
    case 'optional': {
      const inner = toJsonSchema(s.wrapped as AnySchema);
      return s.default === undefined ? inner : { ...inner, default: s.default };
    }
    case 'custom': {
      // A custom guard piped into a schema (who entered what refuses arrays, then checks the
      // object): JSON Schema's "type": "object" already excludes arrays, so the schema it
      // guards says it all.
      const guarded = s.pipe?.slice(1).find((item) => item.kind === 'schema');
      if (guarded) return toJsonSchema(guarded as unknown as AnySchema);
      throw new Error('no JSON Schema for a custom valibot check on its own');
    }
    default:
      throw new Error(`no JSON Schema for valibot type ${s.type}`);
  }
  for (const action of s.pipe ?? []) {
    const r = action.requirement;
    switch (action.type) {
      case 'min_length':
        out.minLength = r;
        break;
      case 'max_length':
        out.maxLength = r;
        break;
      case 'min_value':
        out.minimum = r;
        break;
      case 'max_value':
        out.maximum = r;
        break;
      case 'safe_integer':
      case 'integer':
        out.type = 'integer';
        break;
      case 'regex':
        out.pattern = (r as RegExp).source;
        break;
      case 'description':
        out.description = action.description;
        break;
    }
  }
  return out;
}
