import { scoreRequestExample } from '../../src/domain/posture';

type Json = Record<string, unknown>;

/** The DESIGN.md 5.1 example, in the given currency (every money field), as a fresh mutable copy. */
export function exampleRequest(currency = 'USD'): Json & { profile: Json; posture: Json; options: Json[] } {
  const request = structuredClone(scoreRequestExample) as unknown as Json & {
    profile: Json;
    posture: Json;
    options: Json[];
  };
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const record = value as Json;
      if (typeof record.amount === 'number' && typeof record.currency === 'string') record.currency = currency;
      else Object.values(record).forEach(visit);
    }
  };
  visit(request);
  return request;
}

export const postJson = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
