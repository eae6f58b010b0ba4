import { checkInsurability } from '../../../services/insurability/check';
import { serviceContext } from '../../context';
import { ALL_ROLES, defineRoute, jsonResponse, problemResponse, type RouteDefaults } from '../../route';
import { Insurability, InsurabilityRequest } from '../../schemas/insurability';
import type { App } from '../../types';

const route = defineRoute({
  method: 'post',
  path: '/v1/insurability',
  operationId: 'checkInsurability',
  tags: ['Rating'],
  summary: 'Self-check: standing, an indicative price and priced recommendations',
  description:
    'Rates the posture (inline, or a recorded assessment) as an indication, not an offer, and re-rates changed answers along the model’s improvement order to list the changes that improve the outcome, ranked by premium saved, and the fewest changes that reach the next tier (or `target`). Nothing is stored. Stored assessments are resolved within the caller’s tenant.',
  access: { roles: ALL_ROLES },
  request: { body: { required: true, content: { 'application/json': { schema: InsurabilityRequest } } } },
  responses: { 200: jsonResponse(Insurability, 'The self-check.'), 404: problemResponse(404) },
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) =>
    c.json(await checkInsurability(serviceContext(c), c.req.valid('json')), 200),
  );
