import { Posture } from '../../../domain/posture';
import { ASSESSMENT_ROLES, createAssessment } from '../../../services/assessments/create';
import { getAssessment, listApplicantAssessments } from '../../../services/assessments/read';
import { serviceContext, underwritingContext } from '../../context';
import { defineRoute, jsonResponse, problemResponse, type RouteDefaults } from '../../route';
import { Assessment, ListQuery, page } from '../../schemas/assessment';
import { IdParam } from '../../schemas/identity';
import type { App } from '../../types';

const create = defineRoute({
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

const list = defineRoute({
  method: 'get',
  path: '/v1/applicants/{id}/assessments',
  operationId: 'listAssessments',
  tags: ['Assessments'],
  summary: 'An applicant’s assessments, newest first',
  access: { roles: ASSESSMENT_ROLES },
  request: { params: IdParam, query: ListQuery },
  responses: { 200: jsonResponse(page(Assessment), 'A page.'), 404: problemResponse(404) },
});

const get = defineRoute({
  method: 'get',
  path: '/v1/assessments/{id}',
  operationId: 'getAssessment',
  tags: ['Assessments'],
  summary: 'Get an assessment',
  access: { roles: ASSESSMENT_ROLES },
  request: { params: IdParam },
  responses: { 200: jsonResponse(Assessment, 'The assessment.'), 404: problemResponse(404) },
});

export function registerAssessmentRoutes(app: App, defaults: RouteDefaults): void {
  app.openapi(create(defaults), async (c) => {
    const assessment = await createAssessment(underwritingContext(c), c.req.valid('param').id, c.req.valid('json'));
    return c.json(assessment, 201, { Location: `/v1/assessments/${assessment.id}` });
  });
  app.openapi(list(defaults), async (c) =>
    c.json(await listApplicantAssessments(serviceContext(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );
  app.openapi(get(defaults), async (c) => c.json(await getAssessment(serviceContext(c), c.req.valid('param').id), 200));
}
