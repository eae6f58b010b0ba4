import { sql } from 'drizzle-orm';
import type { Executor } from '../client';

/**
 * The advisory-lock space of immutable versions (a rating model's, a KEV catalog's): the two-key form, apart from
 * the audit chains' space and the single-key locks of migrations, seeding and bootstrap.
 */
const VERSION_LOCK_SPACE = 0x56455253;

/**
 * Holds, to the end of the caller's transaction, the right to create one version (`kind` names what is versioned).
 * Publishing reads whether the version exists, then inserts it: two writers of one version that both read "absent"
 * would otherwise meet on the unique key, and the loser would fail instead of answering as it would one at a time
 * (the same content: nothing to do; other content: a conflict). Waiting here, the loser reads the winner's row.
 */
export async function lockVersion(tx: Executor, kind: string, version: string): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(${VERSION_LOCK_SPACE}::int, hashtext(${`${kind}:${version}`}::text))`,
  );
}
