import { describe, expect, it } from 'vitest';
import {
  applySchedule,
  authorityShortfalls,
  compareResults,
  currentStatus,
  outstandingBeforeBind,
  startPostBindClocks,
  trackSubjectivities,
  type UnderwritingAuthority,
} from '../../../src/domain/quotes';
import type { Subjectivity } from '../../../src/domain/rating-result';

const usd = (amount: number) => ({ amount, currency: 'USD' });
const authority: UnderwritingAuthority = {
  maxLimit: usd(100_000_000),
  maxPremium: usd(5_000_000),
  sectors: ['smart_home', 'retail'],
  canWaive: false,
  canOverrideDecline: false,
};

describe('underwriting authority', () => {
  it('covers a risk within every cap', () => {
    expect(
      authorityShortfalls(authority, { sector: 'retail', options: [{ limit: usd(100_000_000), premium: usd(1) }] }),
    ).toEqual([]);
  });

  it('names the sector, the largest limit and the largest premium beyond it', () => {
    const shortfalls = authorityShortfalls(authority, {
      sector: 'healthcare',
      options: [
        { limit: usd(50_000_000), premium: usd(6_000_000) },
        { limit: usd(200_000_000), premium: usd(4_000_000) },
      ],
    });
    expect(shortfalls.map((shortfall) => [shortfall.code, shortfall.triggeredBy[0]?.value])).toEqual([
      ['AUTHORITY_SECTOR', 'healthcare'],
      ['AUTHORITY_LIMIT', 200_000_000],
      ['AUTHORITY_PREMIUM', 6_000_000],
    ]);
  });

  it('an authority in another currency covers no amount, and a key without authority covers nothing', () => {
    const gbp = { ...authority, sectors: undefined, maxLimit: { amount: 1e12, currency: 'GBP' } };
    expect(
      authorityShortfalls(gbp, { sector: 'retail', options: [{ limit: usd(1), premium: usd(1) }] }).map((s) => s.code),
    ).toEqual(['AUTHORITY_LIMIT']);
    expect(authorityShortfalls(null, { sector: 'retail', options: [] }).map((s) => s.code)).toEqual(['AUTHORITY_NONE']);
  });
});

describe('schedule rating', () => {
  const plan = {
    maxAdjustment: 0.2,
    items: [
      { id: 'management', title: 'Management', maxCredit: 0.1, maxDebit: 0.05, basis: [] },
      { id: 'controls', title: 'Controls', maxCredit: 0.15, maxDebit: 0.15, basis: [] },
    ],
  };

  it('sums the items, rounded to six decimals', () => {
    const { schedule } = applySchedule(
      plan,
      [
        { id: 'management', adjustment: -0.1 },
        { id: 'controls', adjustment: 0.0333333333 },
      ],
      'why',
    );
    expect(schedule).toMatchObject({ total: -0.066667, reason: 'why' });
  });

  it('refuses unknown and repeated items, items beyond their own caps and a total beyond the overall cap', () => {
    const paths = (choices: { id: string; adjustment: number }[]) =>
      applySchedule(plan, choices, 'why').problems.map((problem) => problem.path.join('.'));
    expect(paths([{ id: 'weather', adjustment: 0 }])).toEqual(['scheduleAdjustment.items.0.id']);
    expect(
      paths([
        { id: 'management', adjustment: 0 },
        { id: 'management', adjustment: 0 },
      ]),
    ).toEqual(['scheduleAdjustment.items.1.id']);
    expect(paths([{ id: 'management', adjustment: 0.06 }])).toEqual(['scheduleAdjustment.items.0.adjustment']);
    expect(
      paths([
        { id: 'management', adjustment: -0.1 },
        { id: 'controls', adjustment: -0.15 },
      ]),
    ).toEqual(['scheduleAdjustment.items']);
  });
});

describe('quote status on read', () => {
  it('offers lapse after their last day; referred, bound and closed quotes never do', () => {
    expect(currentStatus('quoted', '2026-12-22', '2026-12-22')).toBe('quoted');
    expect(currentStatus('quoted', '2026-12-22', '2026-12-23')).toBe('expired');
    expect(currentStatus('bind_requested', '2026-12-22', '2027-01-01')).toBe('expired');
    for (const stored of ['referred', 'bound', 'declined', 'not_taken_up', 'superseded'] as const) {
      expect(currentStatus(stored, '2026-12-22', '2030-01-01')).toBe(stored);
    }
  });
});

describe('subjectivities', () => {
  const rated: Subjectivity[] = [
    { code: 'A', title: 'a', timing: 'pre_bind', evidence: 'e', status: 'open', triggeredBy: [] },
    { code: 'B', title: 'b', timing: 'post_bind', dueDays: 60, evidence: 'e', status: 'open', triggeredBy: [] },
  ];

  it('binding waits for open pre-bind ones; binding starts the post-bind clocks', () => {
    const tracked = trackSubjectivities(rated);
    expect(outstandingBeforeBind(tracked).map((s) => s.code)).toEqual(['A']);
    expect(startPostBindClocks(tracked, '2026-11-22').map((s) => s.dueOn)).toEqual([null, '2027-01-21']);
  });
});

describe('replay comparison', () => {
  it('ignores key order and absent properties, and names each departure by path', () => {
    expect(compareResults({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1, d: undefined })).toEqual([]);
    expect(compareResults({ premiums: [{ amount: 5 }] }, { premiums: [{ amount: 6 }] })).toEqual([
      { path: 'premiums[0].amount', stored: 5, replayed: 6 },
    ]);
  });
});
