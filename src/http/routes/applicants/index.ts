import { z } from '@hono/zod-openapi';
import { Profile } from '../../../domain/posture';
import { SECTORS } from '../../../domain/posture/enums';
import { createApplicant } from '../../../services/applicants/create';
import { getApplicant } from '../../../services/applicants/get';
import { listVisibleApplicants } from '../../../services/applicants/list';
import { updateApplicant } from '../../../services/applicants/update';
import { entityTag } from '../../../services/concurrency';
import { serviceContext } from '../../context';
import { defineRoute, jsonResponse, problemResponse, type RouteDefaults } from '../../route';
import { IdParam } from '../../schemas/identity';
import type { App } from '../../types';

const OWNERS = ['underwriter', 'broker', 'applicant'] as const;

const Applicant = z
  .object({
    id: z.string().uuid(),
    ownerOrganizationId: z.string().uuid().openapi({ description: 'The organisation that registered it.' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    revision: z.number().int().openapi({ description: 'Increases with every change; the ETag names it.' }),
  })
  .catchall(z.unknown())
  .openapi('Applicant', { description: 'The applicant: these fields plus every field of the profile.' });

const etagHeader = {
  ETag: { description: 'The current revision, for If-Match.', schema: { type: 'string' as const } },
};

const create = defineRoute({
  method: 'post',
  path: '/v1/applicants',
  operationId: 'createApplicant',
  tags: ['Applicants'],
  summary: 'Register an applicant',
  description: 'The body is the applicant’s profile. An applicant organisation registers itself, once (409 after).',
  access: { roles: OWNERS },
  idempotency: 'replay',
  request: { body: { required: true, content: { 'application/json': { schema: Profile } } } },
  responses: { 201: { ...jsonResponse(Applicant, 'Registered.'), headers: etagHeader }, 409: problemResponse(409) },
});

const list = defineRoute({
  method: 'get',
  path: '/v1/applicants',
  operationId: 'listApplicants',
  tags: ['Applicants'],
  summary: 'List applicants, newest first',
  description: 'Carrier keys see every applicant; broker and applicant keys their own organisation’s.',
  access: { roles: OWNERS },
  request: {
    query: z.object({
      sector: z.enum(SECTORS).optional(),
      name: z.string().min(1).max(200).optional().openapi({ description: 'Part of the legal name, any case.' }),
      limit: z.coerce.number().int().min(1).max(200).default(50),
      cursor: z.string().max(500).optional(),
    }),
  },
  responses: {
    200: jsonResponse(z.object({ items: z.array(Applicant), nextCursor: z.string().nullable() }), 'A page.'),
  },
});

const get = defineRoute({
  method: 'get',
  path: '/v1/applicants/{id}',
  operationId: 'getApplicant',
  tags: ['Applicants'],
  summary: 'Get an applicant',
  access: { roles: OWNERS },
  request: { params: IdParam },
  responses: { 200: { ...jsonResponse(Applicant, 'The applicant.'), headers: etagHeader }, 404: problemResponse(404) },
});

const patch = defineRoute({
  method: 'patch',
  path: '/v1/applicants/{id}',
  operationId: 'updateApplicant',
  tags: ['Applicants'],
  summary: 'Change profile fields',
  description:
    'Any subset of the profile’s top-level fields, replacing those fields; the resulting profile must validate. Needs If-Match with the current ETag (428 without, 412 when stale).',
  access: { roles: OWNERS },
  request: {
    params: IdParam,
    headers: z.object({ 'if-match': z.string().optional().openapi({ description: 'The ETag last read.' }) }),
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
    200: { ...jsonResponse(Applicant, 'Changed.'), headers: etagHeader },
    404: problemResponse(404),
    412: problemResponse(412),
    428: problemResponse(428),
  },
});

export function registerApplicantRoutes(app: App, defaults: RouteDefaults): void {
  app.openapi(create(defaults), async (c) => {
    const applicant = await createApplicant(serviceContext(c), c.req.valid('json'));
    return c.json(applicant, 201, { Location: `/v1/applicants/${applicant.id}`, ETag: entityTag(applicant) });
  });
  app.openapi(list(defaults), async (c) =>
    c.json(await listVisibleApplicants(serviceContext(c), c.req.valid('query')), 200),
  );
  app.openapi(get(defaults), async (c) => {
    const applicant = await getApplicant(serviceContext(c), c.req.valid('param').id);
    return c.json(applicant, 200, { ETag: entityTag(applicant) });
  });
  app.openapi(patch(defaults), async (c) => {
    const applicant = await updateApplicant(
      serviceContext(c),
      c.req.valid('param').id,
      c.req.valid('json'),
      c.req.valid('header')['if-match'],
    );
    return c.json(applicant, 200, { ETag: entityTag(applicant) });
  });
}
