import type { RouteDefaults } from '../../route';
import type { App } from '../../types';
import * as list from './list';
import { registerPublishRoutes } from './publish';

export function registerRatingModelRoutes(app: App, defaults: RouteDefaults): void {
  list.register(app, defaults);
  registerPublishRoutes(app, defaults);
}
