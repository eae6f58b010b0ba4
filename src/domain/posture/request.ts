import { z } from 'zod';
import { isoDate } from './dates';
import { CoverageOptions } from './options';
import { Posture } from './posture';
import { Profile } from './profile';

export type MoneyPath = { path: (string | number)[]; currency: string };

/** The money-bearing parts of a request, so this file and `collectMoneyPaths` agree on what they are. */
type MoneyBearing = {
  profile: { annualRevenue: { currency: string } };
  posture: { incidents?: ReadonlyArray<{ loss?: { currency: string } | null }> | null };
  options: ReadonlyArray<{
    limit: { currency: string };
    retention: { currency: string };
    attachment?: { currency: string } | undefined;
    sublimits?: Record<string, { currency: string }> | undefined;
  }>;
};

/**
 * Every `Money` in a request with its path, in document order (profile, posture, options). The rating
 * model's currency is checked against these by the caller, which holds the model.
 */
export function collectMoneyPaths(request: MoneyBearing): MoneyPath[] {
  const found: MoneyPath[] = [{ path: ['profile', 'annualRevenue'], currency: request.profile.annualRevenue.currency }];
  (request.posture.incidents ?? []).forEach((incident, index) => {
    if (incident.loss != null) {
      found.push({ path: ['posture', 'incidents', index, 'loss'], currency: incident.loss.currency });
    }
  });
  request.options.forEach((option, index) => {
    found.push({ path: ['options', index, 'limit'], currency: option.limit.currency });
    found.push({ path: ['options', index, 'retention'], currency: option.retention.currency });
    if (option.attachment !== undefined) {
      found.push({ path: ['options', index, 'attachment'], currency: option.attachment.currency });
    }
    for (const [part, sublimit] of Object.entries(option.sublimits ?? {})) {
      found.push({ path: ['options', index, 'sublimits', part], currency: sublimit.currency });
    }
  });
  return found;
}

function describePath(path: readonly (string | number)[]): string {
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? key : `.${key}`)).join('');
}

/** The stateless rating request (`POST /v1/score`, `/v1/insurability`). */
export const ScoreRequest = z
  .strictObject({
    profile: Profile,
    posture: Posture,
    options: CoverageOptions,
    asOf: isoDate().optional().meta({
      description:
        'Rating date: selects the rating model in effect and the KEV catalog entries known on that day, and is the date certificates, support periods and KEV due dates are judged against. Omitted means the server’s current date.',
      example: '2026-11-22',
    }),
  })
  .superRefine((request, ctx) => {
    // One currency per request: premiums, limits and losses are compared and summed without conversion.
    const [first, ...rest] = collectMoneyPaths(request);
    if (first === undefined) {
      return;
    }
    const differing = rest.find((money) => money.currency !== first.currency);
    if (differing !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [...differing.path, 'currency'],
        message: `must be ${first.currency}, the currency of ${describePath(first.path)}: all money in one request shares one currency`,
        input: differing.currency,
      });
    }
  })
  .meta({
    id: 'ScoreRequest',
    description:
      'A stateless rating request: the applicant’s exposure (`profile`), its security answers (`posture`), the coverage options to price and, optionally, the rating date. All money in the request (revenue, limits, retentions, attachments, sublimits, incident losses) must be in one currency, the rating model’s.',
  });

export type ScoreRequest = z.output<typeof ScoreRequest>;
export type ScoreRequestInput = z.input<typeof ScoreRequest>;
