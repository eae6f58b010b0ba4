import type { RouteDefaults } from '../../route';
import type { App } from '../../types';
import * as score from './score';

export function registerScoreRoutes(app: App, defaults: RouteDefaults): void {
  score.register(app, defaults);
}
