import { requestBind } from '../../../services/quotes/request-bind';
import { serviceContext } from '../../context';
import type { RouteDefaults } from '../../route';
import { OptionChoice } from '../../schemas/quote';
import type { App } from '../../types';
import { changed, idOf, ifMatch, transition } from './transition';

const route = transition({
  path: '/v1/quotes/{id}/request-bind',
  operationId: 'requestBind',
  summary: 'Ask for an option to be bound',
  description: 'A broker (or underwriter) asks for one option of a quoted quote to be bound.',
  roles: ['underwriter', 'broker'],
  body: OptionChoice,
});
export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) =>
    c.json(...changed(await requestBind(serviceContext(c), idOf(c), ifMatch(c), c.req.valid('json')))),
  );
