import { approveQuote } from '../../../services/quotes/approve';
import { serviceContext } from '../../context';
import type { RouteDefaults } from '../../route';
import { ApproveBody } from '../../schemas/quote';
import type { App } from '../../types';
import { changed, idOf, ifMatch, transition } from './transition';

const route = transition({
  path: '/v1/quotes/{id}/approve',
  operationId: 'approveQuote',
  summary: 'Approve a referred quote (or override an overridable decline)',
  description:
    'An underwriter whose authority covers every option. An optional schedule adjustment within the model’s caps re-prices the quote, appearing as its own waterfall step titled with the reason. Overriding a decline needs `canOverrideDecline` and a decline the rules made with overridable reasons only.',
  roles: ['underwriter'],
  body: ApproveBody,
});
export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) =>
    c.json(...changed(await approveQuote(serviceContext(c), idOf(c), ifMatch(c), c.req.valid('json')))),
  );
