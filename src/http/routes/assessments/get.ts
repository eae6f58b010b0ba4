import { getAssessment } from '../../../services/assessments/get';
import { ASSESSMENT_ROLES } from '../../../services/assessments/present';
import { serviceContext } from '../../context';
import { defineRoute, jsonResponse, problemResponse, type RouteDefaults } from '../../route';
import { Assessment } from '../../schemas/assessment';
import { IdParam } from '../../schemas/common';
import type { App } from '../../types';

const route = defineRoute({
  method: 'get',
  path: '/v1/assessments/{id}',
  operationId: 'getAssessment',
  tags: ['Assessments'],
  summary: 'Get an assessment',
  access: { roles: ASSESSMENT_ROLES },
  request: { params: IdParam },
  responses: { 200: jsonResponse(Assessment, 'The assessment.'), 404: problemResponse(404) },
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) =>
    c.json(await getAssessment(serviceContext(c), c.req.valid('param').id), 200),
  );
