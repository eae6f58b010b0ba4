import { KeyLookup } from '../identity/authenticate';
import { KevCatalogSource } from '../kev/snapshot';
import type { ChangeFeed } from './change-feed';

/**
 * The reference data nearly every request reads (its API key, the loaded KEV catalog), kept in memory when a
 * change feed says when to drop it, so a rating needs no query at all; the registry keeps the model versions
 * the same way. Without a feed every read goes to the database.
 */
export class HotReads {
  readonly keys: KeyLookup;
  readonly kev: KevCatalogSource;

  constructor(readonly changes?: ChangeFeed) {
    this.keys = new KeyLookup(changes);
    this.kev = new KevCatalogSource(changes);
  }
}
