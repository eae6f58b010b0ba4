import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileRatingModel } from '../../../src/models/compile-model';
import { ModelError } from '../../../src/models/errors';

const ALT = new URL('../../fixtures/models/alt-test-2.0.0.json', import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: the tests mutate arbitrary model JSON
type Doc = Record<string, any>;
const fresh = (): Doc => JSON.parse(readFileSync(ALT, 'utf8'));

function refusal(mutate: (doc: Doc) => void): ModelError {
  const doc = fresh();
  mutate(doc);
  try {
    compileRatingModel(doc);
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError);
    return error as ModelError;
  }
  throw new Error('the model was accepted');
}

describe('compileRatingModel', () => {
  it('accepts the test model and hashes its canonical JSON, whatever the key order', () => {
    const doc = fresh();
    const model = compileRatingModel(doc);
    expect(model.hash).toMatch(/^[0-9a-f]{64}$/);
    const reordered = Object.fromEntries(Object.entries(doc).reverse());
    expect(compileRatingModel(reordered).hash).toBe(model.hash);
    doc.quoteValidityDays = 15;
    expect(compileRatingModel(doc).hash).not.toBe(model.hash);
  });

  it.each([
    ['a schema violation, at its path', (d: Doc) => (d.domains.access.weight = 'heavy'), 'domains.access.weight'],
    ['a bad version', (d: Doc) => (d.version = 'v2'), 'version'],
    ['an unknown property', (d: Doc) => (d.discount = 0.5), '(document)'],
    [
      'a table keyed by a closed set that misses a member',
      (d: Doc) => delete d.tables.hazard.entries.healthcare,
      'tables.hazard.entries',
    ],
    [
      'a certification scheme left unclassified',
      (d: Doc) => delete d.certificationSchemes.ul_2900,
      'certificationSchemes.ul_2900',
    ],
    ['weights that do not sum to 1', (d: Doc) => (d.domains.data.weight = 0.5), 'domains'],
    ['part shares that do not sum to 1', (d: Doc) => (d.coverage.parts[0].premiumShare = 0.9), 'coverage.parts'],
    ['tier bands out of order', (d: Doc) => (d.tiers.bands[1].minComposite = 95), 'tiers.bands[1].minComposite'],
    ['a worst tier not starting at 0', (d: Doc) => (d.tiers.bands[3].minComposite = 5), 'tiers.bands[3].minComposite'],
    ['a posture field without unknown handling', (d: Doc) => delete d.unknowns['access.rbac'], 'unknowns'],
    [
      'an assumption of the wrong kind',
      (d: Doc) => (d.unknowns['patching.updateMechanism'].assume = 'pigeon'),
      'unknowns.patching.updateMechanism.assume',
    ],
    [
      'a moot condition on a nested condition',
      (d: Doc) => (d.unknowns['access.rbac'].applicableWhen = { field: 'access.secureBoot', in: [true] }),
      'unknowns.access.accessReviewDays.applicableWhen.field',
    ],
    [
      'a posture field without an improvement order',
      (d: Doc) => delete d.improvements['data.secureDisposal'],
      'improvements',
    ],
    [
      'an enum order missing an answer',
      (d: Doc) => (d.improvements['patching.updateMechanism'].order = ['none', 'ota']),
      'improvements.patching.updateMechanism.order',
    ],
    [
      'number steps against their direction',
      (d: Doc) => (d.improvements['patching.criticalRemediationDays'].steps = [10, 30]),
      'improvements.patching.criticalRemediationDays.steps[1]',
    ],
    ['a duplicated rule code', (d: Doc) => (d.rules[1].code = 'WAR'), 'rules[1].code'],
    ['a restriction on an unknown part', (d: Doc) => (d.rules[1].part = 'yacht'), 'rules[1].part'],
    ['a sublimit without its share', (d: Doc) => (d.rules[1].kind = 'sublimit'), 'rules[1].sublimitShare'],
    [
      'a decline that does not say whether it is overridable',
      (d: Doc) => delete d.rules[4].overridable,
      'rules[4].overridable',
    ],
    ['an unknown rounding', (d: Doc) => (d.pricing.rounding = 'nearestPound'), 'pricing.rounding'],
    [
      'premiums rounded to half a minor unit',
      (d: Doc) => (d.roundings[d.pricing.rounding].increment = 0.5),
      `roundings.${fresh().pricing.rounding}.increment`,
    ],
    [
      'premiums rounded to a tiny increment',
      (d: Doc) => (d.roundings[d.pricing.rounding].increment = 1e-12),
      `roundings.${fresh().pricing.rounding}.increment`,
    ],
    [
      'an ILF table that is not interpolated',
      (d: Doc) => (d.pricing.layer.ilfTable = 'hazard'),
      'pricing.layer.ilfTable',
    ],
    [
      'the retention priced twice',
      (d: Doc) => d.pricing.adjustments.push({ id: 'ret', title: 'Retention again', factor: '1 - retention / 1e7' }),
      'pricing.adjustments[1].factor',
    ],
    [
      'a schedule item priced on a fact that drives the tier',
      (d: Doc) => (d.pricing.schedule.items[0].basis = ['mfaRemote']),
      'pricing.schedule.items[0].basis[0]',
    ],
    [
      'a factor on an unknown fact',
      (d: Doc) => (d.domains.data.factors[0].fact = 'vibes'),
      'domains.data.factors[0].fact',
    ],
  ])('refuses %s', (_name, mutate, path) => {
    expect(refusal(mutate).path).toBe(path);
  });

  it.each([
    ['import', 'import("fs")'],
    ['createUnit', 'createUnit("foo")'],
    ['evaluate', 'evaluate("1")'],
    ['parse', 'parse("1")'],
    ['assignment', 'mfaRemote = 1'],
    ['function definition', 'f(x) = 1'],
    ['property access', 'sector.length'],
    ['an unknown symbol', 'hackerMode ? 1 : 0'],
    ['implicit multiplication', '2 mfaRemote'],
  ])('refuses an expression using %s, with the expression path', (_name, source) => {
    const error = refusal((d) => (d.domains.access.factors[1].points = source));
    expect(error.path).toBe('domains.access.factors[1].points');
  });

  it.each([
    ['__proto__', '{"polluted":true}', 'constants'],
    ['__proto__', '2', 'tables.hazard.entries'],
    ['constructor', '1', 'constants'],
    ['prototype', '{"neutral":"x"}', 'improvements'],
  ])('refuses a %s key (as the own JSON property %s) in %s, which zod would drop or ignore', (key, value, at) => {
    const doc = fresh();
    const marker = '__marker__';
    at.split('.').reduce((object, name) => object[name], doc)[marker] = 0;
    const document = JSON.parse(JSON.stringify(doc).replace(`"${marker}":0`, `"${key}":${value}`));
    let caught: unknown;
    try {
      compileRatingModel(document);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ModelError);
    expect((caught as ModelError).path).toBe(`${at}.${key}`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    [
      'an enormous table',
      (d: Doc) => (d.tables.ilf.points = Array.from({ length: 10_001 }, (_, x) => ({ x, y: x }))),
      'tables.ilf.points',
    ],
    [
      'deep nesting',
      (d: Doc) => (d.description = JSON.parse(`${'['.repeat(10_000)}${']'.repeat(10_000)}`)),
      `description${'[0]'.repeat(31)}`,
    ],
    ['a tier factor of 1e308', (d: Doc) => (d.pricing.tierFactors.high_risk = 1e308), 'pricing.tierFactors.high_risk'],
    ['a table keyed by "constructor"', (d: Doc) => (d.tables.hazard.keyedBy = 'constructor'), 'tables.hazard.keyedBy'],
    ['a rounding named "constructor"', (d: Doc) => (d.pricing.rounding = 'constructor'), 'pricing.rounding'],
    [
      'a duplicated adjustment id',
      (d: Doc) => d.pricing.adjustments.push({ ...d.pricing.adjustments[0] }),
      'pricing.adjustments[1].id',
    ],
    [
      'a duplicated tier cap id',
      (d: Doc) => d.tiers.caps.push({ ...d.tiers.caps[0] }),
      `tiers.caps[${fresh().tiers.caps.length}].id`,
    ],
    [
      'a factor divided by zero',
      (d: Doc) => (d.domains.data.factors[0].points = '1 / 0'),
      'domains.data.factors[0].points',
    ],
  ])('refuses %s', (_name, mutate, path) => {
    expect(refusal(mutate).path).toBe(path);
  });

  it('refuses an enum comparison with a value the enum does not have', () => {
    const error = refusal((d) => (d.rules[1].when = 'encryptionInTransit == "tls1_4"'));
    expect(error.path).toBe('rules[1].when');
    expect(error.reason).toMatch(/tls1_4/);
  });
});
