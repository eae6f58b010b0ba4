import type { RouteDefaults } from '../../route';
import type { App } from '../../types';
import * as list from './list';
import * as verify from './verify';

export function registerAuditRoutes(app: App, defaults: RouteDefaults): void {
  verify.register(app, defaults);
  list.register(app, defaults);
}
