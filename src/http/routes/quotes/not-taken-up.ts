import { markNotTakenUp } from '../../../services/quotes/not-taken-up';
import { serviceContext } from '../../context';
import type { RouteDefaults } from '../../route';
import { NotTakenUpBody } from '../../schemas/quote';
import type { App } from '../../types';
import { changed, idOf, ifMatch, transition } from './transition';

const route = transition({
  path: '/v1/quotes/{id}/not-taken-up',
  operationId: 'markNotTakenUp',
  summary: 'Record that the offer was not taken up',
  description: 'On a quoted or bind-requested quote.',
  roles: ['underwriter', 'broker'],
  body: NotTakenUpBody,
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) =>
    c.json(...changed(await markNotTakenUp(serviceContext(c), idOf(c), ifMatch(c), c.req.valid('json')))),
  );
