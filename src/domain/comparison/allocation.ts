/**
 * Shares an integer total (minor units) among claimants in proportion to their weights, by the largest-remainder
 * (Hamilton) method: each gets the whole part of its quota, and the units left over go one each to the largest
 * fractional remainders (ties: the larger weight, then the earlier claimant). The shares always sum exactly to the
 * total; a claimant of weight 0 gets nothing. With no positive weight there is no basis to share: all zeros.
 */
export function allocateLargestRemainder(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`total ${total} is not a whole amount`);
  const shares: number[] = new Array(weights.length).fill(0);
  let weightSum = 0;
  for (const weight of weights) if (weight > 0) weightSum += weight;
  if (total === 0 || weightSum === 0) return shares;

  // Plain arrays rather than an object per claimant: a comparison allocates for a thousand rows of ~70 factors.
  const remainders = new Float64Array(weights.length);
  const order: number[] = [];
  let allocated = 0;
  for (let index = 0; index < weights.length; index += 1) {
    const weight = weights[index]!;
    if (!(weight > 0)) continue;
    const quota = (total * weight) / weightSum;
    const whole = Math.floor(quota);
    shares[index] = whole;
    allocated += whole;
    remainders[index] = quota - whole;
    order.push(index);
  }
  let left = total - allocated;
  if (left === 0) return shares;
  order.sort((a, b) => remainders[b]! - remainders[a]! || weights[b]! - weights[a]! || a - b);
  // Floating-point quotas can leave the whole parts one unit off either way; the loops settle it exactly.
  for (let next = 0; left > 0; next = (next + 1) % order.length, left -= 1) {
    shares[order[next]!]! += 1;
  }
  for (let next = order.length - 1; left < 0; next = (next - 1 + order.length) % order.length) {
    const index = order[next]!;
    if (shares[index]! > 0) {
      shares[index]! -= 1;
      left += 1;
    }
  }
  return shares;
}
