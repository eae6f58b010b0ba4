import { listRegimes, type RegimeKind } from '../../../services/regimes/list';
import { serviceContext } from '../../context';
import { ALL_ROLES, defineRoute, jsonResponse, problemResponse, type RouteDefaults } from '../../route';
import { RegimeList, RegimeModelQuery } from '../../schemas/regime';
import type { App } from '../../types';

/** The compliance and safe-harbor lists are one operation on two kinds of regime. */
export function regimeListRoute(kind: RegimeKind) {
  const compliance = kind === 'compliance';
  const route = defineRoute({
    method: 'get',
    path: compliance ? '/v1/compliance/regimes' : '/v1/safe-harbor/regimes',
    operationId: compliance ? 'listComplianceRegimes' : 'listSafeHarborRegimes',
    tags: ['Regimes'],
    summary: compliance
      ? 'Compliance regimes of the rating model, with requirements and citations'
      : 'Safe-harbor regimes of the rating model, with requirements and citations',
    access: { roles: ALL_ROLES },
    request: { query: RegimeModelQuery },
    responses: { 200: jsonResponse(RegimeList, 'The regimes.'), 404: problemResponse(404) },
  });
  return (app: App, defaults: RouteDefaults) =>
    app.openapi(route(defaults), async (c) =>
      c.json(await listRegimes(serviceContext(c), kind, c.req.valid('query')), 200),
    );
}
