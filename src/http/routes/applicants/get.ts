import { getApplicant } from '../../../services/applicants/get';
import { OWNER_ROLES } from '../../../services/applicants/present';
import { entityTag } from '../../../services/concurrency';
import { serviceContext } from '../../context';
import { defineRoute, jsonResponse, problemResponse, type RouteDefaults } from '../../route';
import { Applicant } from '../../schemas/applicant';
import { EtagHeader, IdParam } from '../../schemas/common';
import type { App } from '../../types';

const route = defineRoute({
  method: 'get',
  path: '/v1/applicants/{id}',
  operationId: 'getApplicant',
  tags: ['Applicants'],
  summary: 'Get an applicant',
  access: { roles: OWNER_ROLES },
  request: { params: IdParam },
  responses: { 200: { ...jsonResponse(Applicant, 'The applicant.'), headers: EtagHeader }, 404: problemResponse(404) },
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) => {
    const applicant = await getApplicant(serviceContext(c), c.req.valid('param').id);
    return c.json(applicant, 200, { ETag: entityTag(applicant) });
  });
