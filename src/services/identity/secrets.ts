import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** `uwk_<key id, 32 hex>_<secret, 43 base64url chars = 256 bits>`: the id finds the row, the secret proves it. */
export const KEY_PATTERN = /^uwk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export interface ParsedKey {
  id: string;
  secret: string;
}

const toUuid = (hex: string) =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

export function parseKey(token: string): ParsedKey | null {
  const match = KEY_PATTERN.exec(token);
  return match ? { id: toUuid(match[1]!), secret: match[2]! } : null;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Constant-time comparison of a presented secret with the stored hash. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

export function generateKey(): { id: string; secret: string; token: string } {
  const id = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, token: `uwk_${id.replaceAll('-', '')}_${secret}` };
}
