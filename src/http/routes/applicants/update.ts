import { z } from '@hono/zod-openapi';
import { OWNER_ROLES } from '../../../services/applicants/present';
import { updateApplicant } from '../../../services/applicants/update';
import { entityTag } from '../../../services/concurrency';
import { serviceContext } from '../../context';
import { defineRoute, jsonResponse, problemResponse, type RouteDefaults } from '../../route';
import { Applicant } from '../../schemas/applicant';
import { EtagHeader, IdParam, IfMatchLastRead } from '../../schemas/common';
import type { App } from '../../types';

const route = defineRoute({
  method: 'patch',
  path: '/v1/applicants/{id}',
  operationId: 'updateApplicant',
  tags: ['Applicants'],
  summary: 'Change profile fields',
  description:
    'Any non-empty subset of the profile’s top-level fields, replacing those fields; the resulting profile must validate. A change that leaves the profile as it was writes nothing and answers the applicant as it is, with the same ETag. Needs If-Match with the current ETag (428 without, 412 when stale).',
  access: { roles: OWNER_ROLES },
  request: {
    params: IdParam,
    headers: IfMatchLastRead,
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.record(z.string(), z.unknown()).openapi({ description: 'Profile fields to replace.' }),
        },
      },
    },
  },
  responses: {
    200: { ...jsonResponse(Applicant, 'Changed.'), headers: EtagHeader },
    404: problemResponse(404),
    412: problemResponse(412),
    428: problemResponse(428),
  },
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) => {
    const applicant = await updateApplicant(
      serviceContext(c),
      c.req.valid('param').id,
      c.req.valid('json'),
      c.req.valid('header')['if-match'],
    );
    return c.json(applicant, 200, { ETag: entityTag(applicant) });
  });
