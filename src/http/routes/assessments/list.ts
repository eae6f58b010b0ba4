import { listApplicantAssessments } from '../../../services/assessments/list';
import { ASSESSMENT_ROLES } from '../../../services/assessments/present';
import { serviceContext } from '../../context';
import { defineRoute, jsonResponse, problemResponse, type RouteDefaults } from '../../route';
import { Assessment } from '../../schemas/assessment';
import { IdParam, PageQuery, page } from '../../schemas/common';
import type { App } from '../../types';

const route = defineRoute({
  method: 'get',
  path: '/v1/applicants/{id}/assessments',
  operationId: 'listAssessments',
  tags: ['Assessments'],
  summary: 'An applicant’s assessments, newest first',
  access: { roles: ASSESSMENT_ROLES },
  request: { params: IdParam, query: PageQuery },
  responses: { 200: jsonResponse(page(Assessment), 'A page.'), 404: problemResponse(404) },
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) =>
    c.json(await listApplicantAssessments(serviceContext(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );
