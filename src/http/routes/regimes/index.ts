import type { RouteDefaults } from '../../route';
import type { App } from '../../types';
import * as listCompliance from './list-compliance';
import * as listSafeHarbor from './list-safe-harbor';

export function registerRegimeRoutes(app: App, defaults: RouteDefaults): void {
  listCompliance.register(app, defaults);
  listSafeHarbor.register(app, defaults);
}
