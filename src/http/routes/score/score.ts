import { z } from '@hono/zod-openapi';
import { ScoreRequest } from '../../../domain/posture';
import { scoreApplicant } from '../../../services/rating/score';
import { serviceContext } from '../../context';
import { ALL_ROLES, defineRoute, jsonResponse, problemResponse, type RouteDefaults } from '../../route';
import { RatingResponse } from '../../schemas/rating';
import type { App } from '../../types';

const ModelQuery = z.object({
  model: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,62}$/)
    .optional()
    .openapi({ description: 'Rating model id; the service default when omitted.', example: 'iot-cyber' }),
  modelVersion: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/)
    .optional()
    .openapi({
      description:
        'Pin a model version (for what-ifs and rate-impact comparisons); otherwise the version in force on asOf.',
      example: '1.0.0',
    }),
});

const route = defineRoute({
  method: 'post',
  path: '/v1/score',
  operationId: 'scoreApplicant',
  tags: ['Rating'],
  summary: 'Rate a posture and exposure (stateless)',
  description:
    'Scores the posture with explanations and returns the tier, the decision with its reasons, restrictions, ' +
    'subjectivities and a premium with its waterfall for each option, priced with the model in force on `asOf` ' +
    '(default: today). Nothing is stored.',
  access: { roles: ALL_ROLES },
  request: {
    query: ModelQuery,
    body: { required: true, content: { 'application/json': { schema: ScoreRequest } } },
  },
  responses: {
    200: jsonResponse(RatingResponse, 'The rating.'),
    404: problemResponse(404),
  },
});

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) =>
    c.json(await scoreApplicant(serviceContext(c), c.req.valid('json'), c.req.valid('query')), 200),
  );
