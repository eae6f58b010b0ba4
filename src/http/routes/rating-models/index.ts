import type { RouteDefaults } from '../../route';
import type { App } from '../../types';
import * as getVersion from './get-version';
import * as list from './list';
import * as publish from './publish';

export function registerRatingModelRoutes(app: App, defaults: RouteDefaults): void {
  list.register(app, defaults);
  publish.register(app, defaults);
  getVersion.register(app, defaults);
}
