/**
 * The quote lifecycle (docs/workflow.md). `expired` is never stored: a quoted or bind-requested quote past its
 * validity reads as expired, so no job has to run for a quote to lapse.
 */
export const STORED_QUOTE_STATUSES = [
  'quoted',
  'referred',
  'bind_requested',
  'bound',
  'declined',
  'not_taken_up',
  'superseded',
] as const;
export type StoredQuoteStatus = (typeof STORED_QUOTE_STATUSES)[number];

export const QUOTE_STATUSES = [...STORED_QUOTE_STATUSES, 'expired'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];

/** Open quotes can be superseded by a newer quote of the same assessment. */
export const OPEN_STATUSES: readonly StoredQuoteStatus[] = ['quoted', 'referred', 'bind_requested'];
/** Only quotes on offer lapse; a referred quote waits for an underwriter, however long that takes. */
export const EXPIRING_STATUSES: readonly StoredQuoteStatus[] = ['quoted', 'bind_requested'];

export function currentStatus(stored: StoredQuoteStatus, expiresOn: string, today: string): QuoteStatus {
  return EXPIRING_STATUSES.includes(stored) && today > expiresOn ? 'expired' : stored;
}

export type QuoteAction = 'approve' | 'request_bind' | 'bind' | 'decline' | 'not_taken_up';

/** Which states each action leaves from, and where it goes. */
export const TRANSITIONS: Readonly<Record<QuoteAction, { from: readonly StoredQuoteStatus[]; to: StoredQuoteStatus }>> =
  {
    approve: { from: ['referred', 'declined'], to: 'quoted' },
    request_bind: { from: ['quoted'], to: 'bind_requested' },
    bind: { from: ['quoted', 'bind_requested'], to: 'bound' },
    decline: { from: ['quoted', 'referred', 'bind_requested'], to: 'declined' },
    not_taken_up: { from: ['quoted', 'bind_requested'], to: 'not_taken_up' },
  };

/** Subjectivities can be worked on while the quote is live, and post-bind ones after binding. */
export const SUBJECTIVITY_STATUSES: readonly QuoteStatus[] = ['quoted', 'referred', 'bind_requested', 'bound'];
