import { z } from 'zod';

/** ISO 4217 codes the runtime knows (ICU's list): refuses withdrawn or invented codes, not just the shape. */
const CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export function isCurrencyCode(value: string): boolean {
  return CURRENCIES.has(value);
}

/**
 * Money as the API carries it: an integer amount in the currency's minor units (cents for USD, pence for GBP,
 * yen for JPY), so no amount is ever a binary fraction.
 */
export const Money = z
  .strictObject({
    amount: z
      .number({ error: 'must be an integer amount in minor units (cents for USD)' })
      .min(0, { abort: true, error: 'cannot be negative' })
      .max(Number.MAX_SAFE_INTEGER, { abort: true, error: `cannot exceed ${Number.MAX_SAFE_INTEGER} minor units` })
      .int({ error: 'must be an integer amount in minor units (cents for USD), not a decimal of major units' })
      .meta({
        description:
          'Amount in the minor units of `currency` (cents for USD, pence for GBP, whole yen for JPY): USD 45,000,000.00 is 4500000000.',
        example: 4_500_000_000,
      }),
    currency: z
      .string({ error: 'must be an ISO 4217 currency code such as USD' })
      .regex(/^[A-Z]{3}$/, { error: 'must be an ISO 4217 currency code in upper case, such as USD', abort: true })
      .refine(isCurrencyCode, { error: (issue) => `${String(issue.input)} is not an ISO 4217 currency code` })
      .meta({ description: 'ISO 4217 currency code, upper case.', example: 'USD' }),
  })
  .meta({
    id: 'Money',
    description:
      'An amount of money: `amount` in integer minor units of `currency`. All money in one request must share one currency, which must also be the rating model’s.',
    example: { amount: 4_500_000_000, currency: 'USD' },
  });

export type Money = z.output<typeof Money>;

/** Digits after the decimal point in the currency's minor unit (2 for USD, 0 for JPY, 3 for BHD), per ICU. */
export function minorUnitDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}
