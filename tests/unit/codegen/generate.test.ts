import { describe, expect, it } from 'vitest';
import { factReader, fixedShape } from '../../../src/codegen/fixed-shape';
import { generatedSource } from '../../../src/codegen/generate';
import { compilePostureCopy } from '../../../src/codegen/posture-copy';
import { compileReasonRenderer } from '../../../src/codegen/reason-template';
import { compileUnknownWalk } from '../../../src/codegen/unknown-walk';
import { FactsObject } from '../../../src/domain/facts/extract';

describe('generated code', () => {
  it('keeps the source of what it generated', () => {
    expect(generatedSource(FactsObject)).toMatchObject({ kind: 'fixed-shape', label: 'FactsObject', parameters: [] });
    expect(generatedSource(FactsObject)?.body).toContain('this.annualRevenue = 0;');
    const render = compileReasonRenderer('r', 'a {value} "b" {points}', String);
    expect(render(1, 2)).toBe('a 1 "b" 2');
    expect(generatedSource(render)?.body).toContain('"a " + format(value) + " \\"b\\" " + format(points)');
  });

  it('refuses names that are not identifiers or that reach the prototype', () => {
    expect(() => fixedShape('x', [{ name: 'a;b', type: 'number' }])).toThrow('bad fact name a;b');
    expect(() => factReader('a.b')).toThrow('bad fact name a.b');
    expect(() =>
      compilePostureCopy('x', [{ path: 'a.b', segments: ['a', 'b()'], fact: 'ab', asAgeInDays: false }]),
    ).toThrow('posture field a.b: b() is not an identifier');
    const field = { path: 'a.b', handling: { assume: 0 }, parentSegments: null, applicableIn: [] };
    expect(() => compileUnknownWalk('x', [{ ...field, segments: ['a', '__proto__'] }])).toThrow(
      'posture field a.b: bad segment',
    );
    expect(() => compileUnknownWalk('x', [{ ...field, segments: ['constructor', 'b'] }])).toThrow('bad segment');
  });
});
