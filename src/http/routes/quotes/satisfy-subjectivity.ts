import { resolveSubjectivity } from '../../../services/quotes/resolve-subjectivity';
import { serviceContext } from '../../context';
import type { RouteDefaults } from '../../route';
import { SatisfyBody } from '../../schemas/quote';
import type { App } from '../../types';
import { changed, idOf, ifMatch, SubjectivityParams, transition } from './transition';

const route = transition({
  path: '/v1/quotes/{id}/subjectivities/{code}/satisfy',
  operationId: 'satisfySubjectivity',
  summary: 'Record a subjectivity as satisfied',
  description: 'An underwriter accepts the evidence given. On a live or bound quote.',
  roles: ['underwriter'],
  body: SatisfyBody,
  params: SubjectivityParams,
});
export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) => {
    const { evidence } = c.req.valid('json');
    const code = c.req.valid('param').code;
    return c.json(
      ...changed(
        await resolveSubjectivity(serviceContext(c), idOf(c), code, ifMatch(c), { kind: 'satisfied', evidence }),
      ),
    );
  });
