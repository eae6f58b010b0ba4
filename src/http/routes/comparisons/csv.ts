import { stringify } from 'csv-stringify/sync';
import { DOMAINS } from '../../../domain/model/document';
import type { Comparison, ComparisonRow } from '../../../services/comparisons/compare';

const GAP_COLUMNS = [1, 2, 3].flatMap((n) => [
  `gap${n}Factor`,
  `gap${n}Domain`,
  `gap${n}PointsLost`,
  `gap${n}PremiumCostMinor`,
]);

/**
 * The spreadsheet form of a comparison: one line per row in input order, amounts in integer minor units with the
 * currency in its own column (so they read back as the same numbers), lists joined with `; `. Text cells that a
 * spreadsheet would take for a formula (`=`, `+`, `-`, `@` first) are prefixed with `'` (OWASP CSV injection).
 */
export const CSV_COLUMNS = [
  'index',
  'applicantId',
  'assessmentId',
  'legalName',
  'rank',
  'percentile',
  'tier',
  'decision',
  'composite',
  ...DOMAINS,
  'completeness',
  'currency',
  'premiumMinor',
  'premiumPerMillionRevenueMinor',
  'premiumPerThousandDevicesMinor',
  'postureLoadingMinor',
  'exclusionCount',
  'costliestExclusions',
  'safeHarborEligible',
  'safeHarborPartiallyEligible',
  'safeHarborNotEligible',
  'safeHarborNotApplicable',
  'safeHarborEligibleRegimes',
  ...GAP_COLUMNS,
  'problemStatus',
  'problemCode',
  'problemErrors',
] as const;

type Cell = string | number | null;

function line(row: ComparisonRow, problem: { status: number; code: string } | null): Cell[] {
  const rating = row.rating;
  const gaps = [0, 1, 2].flatMap((n) => {
    const gap = rating?.gaps[n];
    return gap ? [gap.factorId, gap.domain, gap.pointsLost, gap.premiumCost.amount] : [null, null, null, null];
  });
  return [
    row.index,
    row.applicantId,
    row.assessmentId,
    row.legalName,
    row.rank,
    row.percentile,
    rating?.tier ?? null,
    rating?.decision ?? null,
    rating?.composite ?? null,
    ...DOMAINS.map((domain) => rating?.domains[domain] ?? null),
    rating?.completeness ?? null,
    rating?.premium.currency ?? null,
    rating?.premium.amount ?? null,
    rating?.premiumPerMillionRevenue?.amount ?? null,
    rating?.premiumPerThousandDevices?.amount ?? null,
    rating?.postureLoading.amount ?? null,
    rating?.exclusionCount ?? null,
    rating ? rating.costliestExclusions.map((exclusion) => exclusion.code).join('; ') : null,
    rating?.safeHarbor.counts.eligible ?? null,
    rating?.safeHarbor.counts.partially_eligible ?? null,
    rating?.safeHarbor.counts.not_eligible ?? null,
    rating?.safeHarbor.counts.not_applicable ?? null,
    rating ? rating.safeHarbor.eligible.join('; ') : null,
    ...gaps,
    problem?.status ?? null,
    problem?.code ?? null,
    row.problem ? row.problem.errors.map((error) => `${error.path}: ${error.message}`).join('; ') : null,
  ];
}

export function comparisonCsv(
  comparison: Comparison,
  problemOf: (row: ComparisonRow) => { status: number; code: string } | null,
): string {
  return stringify(
    comparison.rows.map((row) => line(row, problemOf(row))),
    { header: true, columns: [...CSV_COLUMNS], escape_formulas: true, record_delimiter: 'windows' },
  );
}
