import { addDays } from '../calendar';
import type { Subjectivity } from '../rating-result';

/** A subjectivity as a quote tracks it: the rating's condition plus how and when it was resolved. */
export interface QuoteSubjectivity extends Subjectivity {
  /** Post-bind subjectivities fall due `dueDays` after binding; null until bound, and for pre-bind ones. */
  dueOn: string | null;
  resolution: {
    kind: 'satisfied' | 'waived';
    at: string;
    by: { keyId: string | null; role: string };
    /** What the underwriter accepted as meeting it (satisfied) or why it was set aside (waived). */
    note: string;
  } | null;
}

export const trackSubjectivities = (subjectivities: readonly Subjectivity[]): QuoteSubjectivity[] =>
  subjectivities.map((subjectivity) => ({ ...subjectivity, status: 'open', dueOn: null, resolution: null }));

/** Binding needs every pre-bind subjectivity satisfied or waived (docs/workflow.md). */
export const outstandingBeforeBind = (subjectivities: readonly QuoteSubjectivity[]) =>
  subjectivities.filter((subjectivity) => subjectivity.timing === 'pre_bind' && subjectivity.status === 'open');

/** At binding, open post-bind subjectivities start their clocks. */
export const startPostBindClocks = (subjectivities: readonly QuoteSubjectivity[], boundOn: string) =>
  subjectivities.map((subjectivity) =>
    subjectivity.timing === 'post_bind' && subjectivity.status === 'open' && subjectivity.dueDays !== undefined
      ? { ...subjectivity, dueOn: addDays(boundOn, subjectivity.dueDays) }
      : subjectivity,
  );
