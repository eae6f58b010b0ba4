import { LRUCache } from 'lru-cache';
import type { DatabaseHandle } from '../../db/client';

/** The channel migration 0008 announces committed changes on, with the changed table's name as payload. */
export const CHANGE_CHANNEL = 'uw_changes';

/** The tables migration 0008 announces; what this process keeps in memory is read from these alone. */
export const ANNOUNCED_TABLES = [
  'api_keys',
  'organizations',
  'rating_models',
  'vulnerability_catalogs',
  'kev_entries',
] as const;
export type AnnouncedTable = (typeof ANNOUNCED_TABLES)[number];

export interface ChangeFeedOptions {
  /** How long a cached read may be served at most, in case a notification was lost (CACHE_MAX_AGE_MS). */
  maxAgeMs: number;
}

/**
 * What this process has heard of committed changes to the announced tables: a counter per table, raised by each
 * notification and by the process's own writes once they commit. A cached read remembers the counters it was
 * loaded under and is served only while they stand, so a change made through any process reaches every process
 * within the notification's latency (milliseconds), and at once in the process that made it.
 */
export class ChangeFeed {
  private readonly counters = new Map<string, number>();
  /** Raised on every (re)subscription: whatever was missed while the subscription was down is dropped whole. */
  private epoch = 0;
  private subscribed = false;
  private unsubscribe: (() => Promise<void>) | undefined;

  constructor(readonly options: ChangeFeedOptions) {}

  /** Subscribes to the database's announcements; until it is subscribed, nothing is cached. */
  static async subscribe(database: DatabaseHandle, options: ChangeFeedOptions): Promise<ChangeFeed> {
    const feed = new ChangeFeed(options);
    feed.unsubscribe = await database.listen(
      CHANGE_CHANNEL,
      (table) => feed.changed(table),
      () => {
        feed.epoch += 1;
        feed.subscribed = true;
      },
    );
    return feed;
  }

  /** Whether reads may be cached: only while announcements are heard. */
  get listening(): boolean {
    return this.subscribed;
  }

  /** A number that changes whenever any of `tables` does (the counters only grow, so their sum does too). */
  generation(tables: readonly AnnouncedTable[]): number {
    let sum = this.epoch;
    for (const table of tables) sum += this.counters.get(table) ?? 0;
    return sum;
  }

  /** A committed change to `table`: heard from the database, or made by this process. */
  changed(table: string): void {
    this.counters.set(table, (this.counters.get(table) ?? 0) + 1);
  }

  async close(): Promise<void> {
    this.subscribed = false;
    await this.unsubscribe?.();
  }
}

/**
 * A read-through cache of rows from announced tables. A value loaded while one of its tables changed is returned
 * but not kept, so a load racing a commit never pins the older rows. Without a change feed it only reads through.
 * Absent rows (`undefined`) are never kept: a flood of unknown keys must not fill memory.
 */
export class ReadCache<K extends {}, V extends {}> {
  private readonly entries: LRUCache<K, { value: V; generation: number }> | undefined;

  constructor(
    private readonly changes: ChangeFeed | undefined,
    private readonly tables: readonly AnnouncedTable[],
    max: number,
  ) {
    this.entries = changes ? new LRUCache({ max, ttl: changes.options.maxAgeMs }) : undefined;
  }

  async get(key: K, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const { changes, entries } = this;
    if (!changes || !entries) return load();
    const generation = changes.generation(this.tables);
    const hit = entries.get(key);
    if (hit && hit.generation === generation) return hit.value;
    const value = await load();
    if (value !== undefined && changes.listening && changes.generation(this.tables) === generation) {
      entries.set(key, { value, generation });
    }
    return value;
  }
}
