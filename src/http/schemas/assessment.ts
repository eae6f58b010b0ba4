import { z } from '@hono/zod-openapi';
import { Posture } from '../../domain/posture';
import { RatingResponse } from './rating';

export const Assessment = RatingResponse.extend({
  id: z.string().uuid(),
  applicantId: z.string().uuid(),
  ownerOrganizationId: z.string().uuid(),
  createdAt: z.string().openapi({ description: 'When it was recorded; it is rated as of that day.' }),
  posture: Posture,
}).openapi('Assessment', {
  description:
    'One answered posture questionnaire, immutable, with the rating it got when it was recorded (the model in force that day, no option priced: prices come with a quote).',
});
