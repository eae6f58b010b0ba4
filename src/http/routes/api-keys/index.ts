import type { RouteDefaults } from '../../route';
import type { App } from '../../types';
import * as create from './create';
import * as list from './list';
import * as revoke from './revoke';

export function registerApiKeyRoutes(app: App, defaults: RouteDefaults): void {
  create.register(app, defaults);
  list.register(app, defaults);
  revoke.register(app, defaults);
}
