import { z } from 'zod';
import { Posture } from './posture';
import { Profile } from './profile';

/** An applicant sent in full, as in POST /v1/score, without the options and date a batch shares. */
export const InlineApplicant = z.strictObject({ profile: Profile, posture: Posture });
export type InlineApplicant = z.output<typeof InlineApplicant>;
