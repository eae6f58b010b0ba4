import { resolveSubjectivity } from '../../../services/quotes/resolve-subjectivity';
import { serviceContext } from '../../context';
import type { RouteDefaults } from '../../route';
import { WaiveBody } from '../../schemas/quote';
import type { App } from '../../types';
import { changed, idOf, ifMatch, SubjectivityParams, transition } from './transition';

const route = transition({
  path: '/v1/quotes/{id}/subjectivities/{code}/waive',
  operationId: 'waiveSubjectivity',
  summary: 'Waive a subjectivity',
  description: 'An underwriter whose authority has `canWaive`, with a reason. On a live or bound quote.',
  roles: ['underwriter'],
  body: WaiveBody,
  params: SubjectivityParams,
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) => {
    const { reason } = c.req.valid('json');
    const code = c.req.valid('param').code;
    return c.json(
      ...changed(await resolveSubjectivity(serviceContext(c), idOf(c), code, ifMatch(c), { kind: 'waived', reason })),
    );
  });
