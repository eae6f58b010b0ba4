import type { ComparisonEntry } from '../../../services/comparisons/compare';
import { ComparisonApplicantEntry, ComparisonAssessmentEntry } from '../../schemas/comparison';
import { fieldProblems } from '../../validation';

const SHAPES = 'an object: { applicantId }, { assessmentId } or { profile, posture }';

/**
 * Sorts one entry of a comparison by the key it carries (`applicantId`, `assessmentId`, otherwise inline answers)
 * and validates a reference at once; each problem's path starts `applicants[i]`.
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
  // The answers themselves are validated where they are rated, so large sets share that work across threads.
  return { kind: 'inline', raw: record };
}
