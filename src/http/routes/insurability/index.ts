import type { RouteDefaults } from '../../route';
import type { App } from '../../types';
import * as check from './check';

export function registerInsurabilityRoutes(app: App, defaults: RouteDefaults): void {
  check.register(app, defaults);
}
