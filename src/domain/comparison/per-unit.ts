import { divideHalfAwayFromZero } from './rounding';

/**
 * A premium per unit of exposure, so applicants of different sizes compare on one basis: `premium × unitSize /
 * quantity` in integer minor units, rounded half away from zero. Null when there is nothing to divide by (no
 * revenue, no devices) or when the figure would exceed exact integer money (a near-zero denominator).
 */
export function perUnit(premiumMinor: number, unitSize: number, quantity: number): number | null {
  if (quantity <= 0) return null;
  const value = Number(divideHalfAwayFromZero(BigInt(premiumMinor) * BigInt(unitSize), BigInt(quantity)));
  return Number.isSafeInteger(value) ? value : null;
}

/**
 * Premium per million of revenue (major units): `premium × 1,000,000 × minorPerMajor / revenue`, both amounts in
 * minor units of the same currency. USD 10,000 on USD 45M of revenue is USD 222.22 per million (22222).
 */
export function premiumPerMillionRevenue(premiumMinor: number, revenueMinor: number, minorPerMajor: number) {
  return perUnit(premiumMinor, 1_000_000 * minorPerMajor, revenueMinor);
}

/** Premium per thousand devices in service (all fleet lines): `premium × 1,000 / units`, in minor units. */
export function premiumPerThousandDevices(premiumMinor: number, deviceUnits: number) {
  return perUnit(premiumMinor, 1_000, deviceUnits);
}
