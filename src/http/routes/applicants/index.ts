import type { RouteDefaults } from '../../route';
import type { App } from '../../types';
import * as create from './create';
import * as get from './get';
import * as list from './list';
import * as update from './update';

export function registerApplicantRoutes(app: App, defaults: RouteDefaults): void {
  create.register(app, defaults);
  list.register(app, defaults);
  get.register(app, defaults);
  update.register(app, defaults);
}
