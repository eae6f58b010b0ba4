import type { ComparisonEntry } from '../../../services/comparisons/compare';
import { ComparisonApplicantEntry, ComparisonAssessmentEntry, ComparisonInlineEntry } from '../../schemas/comparison';
import { fieldProblems } from '../../validation';

const SHAPES = 'an object: { applicantId }, { assessmentId } or { profile, posture }';

function legalNameOf(raw: Record<string, unknown>): string | null {
  const profile = raw.profile as { legalName?: unknown } | null | undefined;
  return typeof profile?.legalName === 'string' ? profile.legalName.trim() || null : null;
}

/**
 * Validates one entry of a comparison on its own, once, with the contract's schemas: the key it carries chooses
 * the shape (`applicantId`, `assessmentId`, otherwise inline), and each problem's path starts `applicants[i]`.
 */
export function parseEntry(raw: unknown, index: number): ComparisonEntry {
  const prefix = `applicants[${index}]`;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { kind: 'invalid', legalName: null, errors: [{ path: prefix, message: `must be ${SHAPES}` }] };
  }
  const record = raw as Record<string, unknown>;
  if ('applicantId' in record) {
    const parsed = ComparisonApplicantEntry.safeParse(record);
    return parsed.success
      ? { kind: 'applicant', applicantId: parsed.data.applicantId }
      : { kind: 'invalid', legalName: null, errors: fieldProblems(parsed.error, prefix) };
  }
  if ('assessmentId' in record) {
    const parsed = ComparisonAssessmentEntry.safeParse(record);
    return parsed.success
      ? { kind: 'assessment', assessmentId: parsed.data.assessmentId }
      : { kind: 'invalid', legalName: null, errors: fieldProblems(parsed.error, prefix) };
  }
  const parsed = ComparisonInlineEntry.safeParse(record);
  return parsed.success
    ? { kind: 'inline', profile: parsed.data.profile, posture: parsed.data.posture }
    : { kind: 'invalid', legalName: legalNameOf(record), errors: fieldProblems(parsed.error, prefix) };
}
