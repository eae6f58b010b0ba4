import { declineQuote } from '../../../services/quotes/decline';
import { serviceContext } from '../../context';
import type { RouteDefaults } from '../../route';
import { DeclineBody } from '../../schemas/quote';
import type { App } from '../../types';
import { changed, idOf, ifMatch, transition } from './transition';

const route = transition({
  path: '/v1/quotes/{id}/decline',
  operationId: 'declineQuote',
  summary: 'Decline a quote',
  description: 'An underwriter declines a quoted, referred or bind-requested quote, with a reason; it is final.',
  roles: ['underwriter'],
  body: DeclineBody,
});
export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) =>
    c.json(...changed(await declineQuote(serviceContext(c), idOf(c), ifMatch(c), c.req.valid('json')))),
  );
