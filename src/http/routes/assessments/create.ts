import { Posture } from '../../../domain/posture';
import { createAssessment } from '../../../services/assessments/create';
import { ASSESSMENT_ROLES } from '../../../services/assessments/present';
import { serviceContext } from '../../context';
import { defineRoute, jsonResponse, problemResponse, type RouteDefaults } from '../../route';
import { Assessment } from '../../schemas/assessment';
import { IdParam } from '../../schemas/common';
import type { App } from '../../types';

const route = defineRoute({
  method: 'post',
  path: '/v1/applicants/{id}/assessments',
  operationId: 'createAssessment',
  tags: ['Assessments'],
  summary: 'Record an answered questionnaire and rate it',
  description:
    'The body is the posture itself. The assessment is immutable (a change is a new assessment) and is rated at once with the applicant’s current profile, the model in force today and the loaded KEV catalog.',
  access: { roles: ASSESSMENT_ROLES },
  idempotency: 'replay',
  request: { params: IdParam, body: { required: true, content: { 'application/json': { schema: Posture } } } },
  responses: { 201: jsonResponse(Assessment, 'Recorded and rated.'), 404: problemResponse(404) },
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) => {
    const assessment = await createAssessment(serviceContext(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json(assessment, 201, { Location: `/v1/assessments/${assessment.id}` });
  });
