import type { Database } from '../../src/db/client';
import type { Actor, ServiceContext } from '../../src/services/context';
import { KevCatalogSource } from '../../src/services/kev/snapshot';
import { ModelRegistry } from '../../src/services/rating-models/registry';

/**
 * A service context outside a request, for calling a verb directly as a test's setup does: the database's own
 * registry and KEV catalog, the shipped default model, and today's date.
 */
export const contextFor = (db: Database, actor: Actor): ServiceContext => ({
  db,
  actor,
  models: new ModelRegistry(db),
  kev: new KevCatalogSource(),
  defaultModelId: 'iot-cyber',
  today: new Date().toISOString().slice(0, 10),
});
