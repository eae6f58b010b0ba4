import { bindQuote } from '../../../services/quotes/bind';
import { serviceContext } from '../../context';
import type { RouteDefaults } from '../../route';
import { OptionChoice } from '../../schemas/quote';
import type { App } from '../../types';
import { changed, idOf, ifMatch, transition } from './transition';

const route = transition({
  path: '/v1/quotes/{id}/bind',
  operationId: 'bindQuote',
  summary: 'Bind an option',
  description:
    'An underwriter whose authority covers the option, on a quoted or bind-requested quote that has not expired, with every pre-bind subjectivity satisfied or waived (409 lists the open ones).',
  roles: ['underwriter'],
  body: OptionChoice,
});
export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) =>
    c.json(...changed(await bindQuote(serviceContext(c), idOf(c), ifMatch(c), c.req.valid('json')))),
  );
