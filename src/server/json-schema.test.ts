import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { createApplicationSchema } from '../loan/application';
import { type JsonSchema, toJsonSchema } from './json-schema';

const body = toJsonSchema(createApplicationSchema()) as {
  properties: Record<string, JsonSchema & { anyOf?: JsonSchema[] }>;
} & JsonSchema;

describe('toJsonSchema', () => {
  it('describes who entered each answer as the object its guard lets through', () => {
    const assisted = body.properties.assisted?.anyOf?.[0] as {
      properties: { enteredBy: JsonSchema & { properties: Record<string, JsonSchema> } };
    };
    expect(body.properties.assisted?.anyOf?.[1]).toEqual({ type: 'null' });
    const enteredBy = assisted.properties.enteredBy;
    expect(enteredBy).toMatchObject({ type: 'object', additionalProperties: false });
    expect(enteredBy.properties.fullName).toEqual({ type: 'string', enum: ['applicant', 'staff'] });
    expect(enteredBy.required).toEqual([]);
  });

  it('leaves the dialect to the OpenAPI document', () => {
    expect(body).not.toHaveProperty('$schema');
  });

  it('refuses a rule it cannot express, rather than leaving it out of the document', () => {
    const reshaped = v.pipe(
      v.string(),
      v.transform((s) => s.length),
    );
    expect(() => toJsonSchema(v.strictObject({ name: reshaped }))).toThrow(/transform/);
  });
});
