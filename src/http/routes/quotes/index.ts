import type { RouteDefaults } from '../../route';
import type { App } from '../../types';
import * as approve from './approve';
import * as bind from './bind';
import * as create from './create';
import * as decline from './decline';
import * as get from './get';
import * as list from './list';
import * as notTakenUp from './not-taken-up';
import * as replay from './replay';
import * as requestBind from './request-bind';
import * as satisfy from './satisfy-subjectivity';
import * as waive from './waive-subjectivity';

export function registerQuoteRoutes(app: App, defaults: RouteDefaults): void {
  create.register(app, defaults);
  list.register(app, defaults);
  get.register(app, defaults);
  replay.register(app, defaults);
  approve.register(app, defaults);
  requestBind.register(app, defaults);
  bind.register(app, defaults);
  decline.register(app, defaults);
  notTakenUp.register(app, defaults);
  satisfy.register(app, defaults);
  waive.register(app, defaults);
}
