import type { RouteDefaults } from '../../route';
import type { App } from '../../types';
import * as compare from './compare';

export function registerComparisonRoutes(app: App, defaults: RouteDefaults): void {
  compare.register(app, defaults);
}
