import type { RouteDefaults } from '../../route';
import type { App } from '../../types';
import * as healthz from './healthz';
import * as metrics from './metrics';
import * as readyz from './readyz';

export function registerSystemRoutes(app: App, defaults: RouteDefaults): void {
  healthz.register(app, defaults);
  readyz.register(app, defaults);
  metrics.register(app, defaults);
}
