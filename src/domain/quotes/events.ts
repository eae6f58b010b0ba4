import type { StoredQuoteStatus } from './status';

/** One entry of a quote's history, as an underwriter reads it; the audit chain holds the tamper-evident copy. */
export interface QuoteEvent {
  action:
    | 'created'
    | 'approved'
    | 'bind_requested'
    | 'bound'
    | 'declined'
    | 'not_taken_up'
    | 'superseded'
    | 'subjectivity_satisfied'
    | 'subjectivity_waived';
  from: StoredQuoteStatus | null;
  to: StoredQuoteStatus;
  at: string;
  actor: { keyId: string | null; role: string };
  reason?: string;
  optionIndex?: number;
  subjectivity?: string;
  supersededBy?: string;
}
