import type { Money } from '../posture';
import type { Sector } from '../posture/enums';
import type { Reason } from '../rating-result';

/** What an underwriter's key may commit the carrier to (docs/workflow.md). */
export interface UnderwritingAuthority {
  maxLimit: Money;
  maxPremium: Money;
  sectors?: Sector[];
  canWaive: boolean;
  canOverrideDecline: boolean;
}

export interface RiskUnderReview {
  sector: Sector;
  options: readonly { limit: Money; premium: Money }[];
}

const within = (amount: Money, cap: Money) => amount.currency === cap.currency && amount.amount <= cap.amount;

const reason = (code: string, title: string, fact: string, value: number | string): Reason => ({
  code,
  title,
  // Another underwriter whose authority covers the risk may take it.
  overridable: true,
  triggeredBy: [{ fact, value }],
});

/**
 * Where a risk lies beyond an underwriter's authority: the sector, any option's limit, or any option's premium
 * (an authority in another currency covers no amount). Empty when the authority covers it all.
 */
export function authorityShortfalls(authority: UnderwritingAuthority | null, risk: RiskUnderReview): Reason[] {
  if (!authority) return [reason('AUTHORITY_NONE', 'The key carries no underwriting authority', 'authority', 'none')];
  const shortfalls: Reason[] = [];
  if (authority.sectors && !authority.sectors.includes(risk.sector)) {
    shortfalls.push(
      reason(
        'AUTHORITY_SECTOR',
        `The ${risk.sector} sector is outside the underwriter’s authority (${authority.sectors.join(', ')})`,
        'sector',
        risk.sector,
      ),
    );
  }
  const caps = [
    ['limit', 'AUTHORITY_LIMIT', 'A limit', authority.maxLimit],
    ['premium', 'AUTHORITY_PREMIUM', 'A premium', authority.maxPremium],
  ] as const;
  for (const [fact, code, what, cap] of caps) {
    const largest = risk.options.reduce<Money | undefined>(
      (found, option) => (found && found.amount >= option[fact].amount ? found : option[fact]),
      undefined,
    );
    if (largest && !within(largest, cap)) {
      shortfalls.push(
        reason(
          code,
          `${what} of ${largest.amount} ${largest.currency} (minor units) exceeds the underwriter’s authority of ${cap.amount} ${cap.currency}`,
          fact,
          largest.amount,
        ),
      );
    }
  }
  return shortfalls;
}
