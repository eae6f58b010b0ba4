import { Profile } from '../../../domain/posture';
import { createApplicant } from '../../../services/applicants/create';
import { OWNER_ROLES } from '../../../services/applicants/present';
import { entityTag } from '../../../services/concurrency';
import { serviceContext } from '../../context';
import { defineRoute, jsonResponse, problemResponse, type RouteDefaults } from '../../route';
import { Applicant } from '../../schemas/applicant';
import { EtagHeader } from '../../schemas/common';
import type { App } from '../../types';

const route = defineRoute({
  method: 'post',
  path: '/v1/applicants',
  operationId: 'createApplicant',
  tags: ['Applicants'],
  summary: 'Register an applicant',
  description: 'The body is the applicant’s profile. An applicant organisation registers itself, once (409 after).',
  access: { roles: OWNER_ROLES },
  idempotency: 'replay',
  request: { body: { required: true, content: { 'application/json': { schema: Profile } } } },
  responses: { 201: { ...jsonResponse(Applicant, 'Registered.'), headers: EtagHeader }, 409: problemResponse(409) },
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) => {
    const applicant = await createApplicant(serviceContext(c), c.req.valid('json'));
    return c.json(applicant, 201, { Location: `/v1/applicants/${applicant.id}`, ETag: entityTag(applicant) });
  });
