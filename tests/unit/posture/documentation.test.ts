import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ScoreRequest, scoreRequestExample } from '../../../src/domain/posture';

type JsonSchema = {
  $ref?: string;
  description?: string;
  example?: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  $defs?: Record<string, JsonSchema>;
};

const document = z.toJSONSchema(ScoreRequest, { io: 'input' }) as JsonSchema;
const components = document.$defs ?? {};

/** A field is documented by its own description or the component it refers to (nullable: inside `anyOf`). */
function isDocumented(field: JsonSchema): boolean {
  const described = (schema: JsonSchema) => schema.description !== undefined || schema.$ref !== undefined;
  return described(field) || (field.anyOf ?? []).some(described);
}

function undocumentedFields(schema: JsonSchema, at: string): string[] {
  const found: string[] = [];
  for (const [key, field] of Object.entries(schema.properties ?? {})) {
    if (!isDocumented(field)) {
      found.push(`${at}.${key}`);
    }
    found.push(...undocumentedFields(field, `${at}.${key}`));
  }
  for (const nested of [schema.items, schema.additionalProperties, ...(schema.anyOf ?? [])]) {
    if (typeof nested === 'object') {
      found.push(...undocumentedFields(nested, `${at}[]`));
    }
  }
  return found;
}

describe('OpenAPI metadata', () => {
  it('names the reusable objects as components', () => {
    expect(Object.keys(components)).toEqual(
      expect.arrayContaining([
        'ScoreRequest',
        'Profile',
        'Money',
        'DeviceFleetEntry',
        'Posture',
        'Patching',
        'Certification',
        'Framework',
        'Access',
        'Contracts',
        'Monitoring',
        'DataHandling',
        'Development',
        'Governance',
        'Incident',
        'OpenCve',
        'CoverageOption',
      ]),
    );
  });

  it('describes every component and every field', () => {
    const undocumented = Object.entries(components).flatMap(([name, component]) => [
      ...(component.description === undefined ? [name] : []),
      ...undocumentedFields(component, name),
    ]);
    expect(undocumented).toEqual([]);
  });

  it('uses the DESIGN.md 5.1 example as the request’s example', () => {
    expect(components.ScoreRequest?.example).toEqual(scoreRequestExample);
    expect(components.Patching?.example).toEqual(scoreRequestExample.posture.patching);
  });
});
