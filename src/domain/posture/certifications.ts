import { z } from 'zod';
import { isBefore, isoDate } from './dates';
import { ASSESSORS, CERTIFICATION_SCHEMES, CERTIFICATION_SCOPES, FRAMEWORK_BASES, FRAMEWORK_NAMES } from './enums';
import { label, oneOf } from './fields';

/**
 * The scheme is the one required field: an entry that does not say what was certified says nothing. Every
 * other field may be unknown, and a certificate counts only while valid on the rating date.
 */
export const Certification = z
  .strictObject({
    scheme: oneOf(CERTIFICATION_SCHEMES, 'certification scheme').meta({
      description:
        'The scheme certified against. Product-scope IoT schemes (`etsi_en_303_645`, `iec_62443_4_2`, `us_cyber_trust_mark`) are evidence about devices; organisation-scope ones (`iso_27001`, `soc2_type2`) about operations.',
      example: 'etsi_en_303_645',
    }),
    scope: oneOf(CERTIFICATION_SCOPES, 'certification scope')
      .meta({
        description: 'What the certificate covers: one `product`, a `product_line`, or the whole `organization`.',
        example: 'product',
      })
      .nullish(),
    assessor: oneOf(ASSESSORS, 'assessor')
      .meta({
        description:
          'Who assessed conformity: an accredited `third_party` (laboratory, certification body) or the applicant itself (`self`). Third-party assessment counts for more.',
        example: 'third_party',
      })
      .nullish(),
    issuedOn: isoDate().meta({ description: 'Date the certificate was issued.', example: '2025-03-01' }).nullish(),
    expiresOn: isoDate()
      .meta({
        description: 'Date the certificate expires; must be after `issuedOn`. Omitted or null means unknown.',
        example: '2028-03-01',
      })
      .nullish(),
    reference: label('certificate reference', 200)
      .meta({
        description: 'Certificate or report number, so an underwriter can verify it with the issuer.',
        example: 'LAB-123',
      })
      .nullish(),
  })
  .superRefine((certification, ctx) => {
    const { issuedOn, expiresOn } = certification;
    if (issuedOn != null && expiresOn != null && !isBefore(issuedOn, expiresOn)) {
      ctx.addIssue({
        code: 'custom',
        path: ['expiresOn'],
        message: `must be after issuedOn (${issuedOn}): a certificate cannot expire before or on the day it is issued`,
        input: expiresOn,
      });
    }
  })
  .meta({
    id: 'Certification',
    description: 'A security certification held by the applicant or one of its products.',
  });

export const Framework = z
  .strictObject({
    framework: oneOf(FRAMEWORK_NAMES, 'framework').meta({
      description:
        'The framework the written security programme conforms to; the safe-harbor statutes (Ohio, Utah, Connecticut, Iowa) list which ones qualify.',
      example: 'nist_csf',
    }),
    version: label('framework version', 50)
      .meta({
        description:
          'Revision of the framework the programme follows, as its publisher names it (`2.0` for NIST CSF 2.0, `r5` for SP 800-53 Rev. 5). Safe harbors require adopting a new revision within a set time of its publication.',
        example: '2.0',
      })
      .nullish(),
    lastReviewedOn: isoDate()
      .meta({ description: 'Date the programme was last reviewed against the framework.', example: '2026-02-01' })
      .nullish(),
    basis: oneOf(FRAMEWORK_BASES, 'framework basis')
      .meta({
        description:
          'How conformity is established: `self_attested` by the applicant or `verified` by an independent assessor. A self-attested programme is at best partially eligible for safe harbors.',
        example: 'verified',
      })
      .nullish(),
  })
  .meta({
    id: 'Framework',
    description: 'A written security programme and the framework it conforms to.',
  });

export const CertificationList = z
  .array(Certification)
  .max(100, { error: 'cannot list more than 100 certifications' })
  .meta({
    description:
      'Certifications held. `[]` means none; omitted or null means unknown (priced pessimistically, and may call for a subjectivity).',
  });

export const Certifications = CertificationList.nullish();

export const FrameworkList = z.array(Framework).max(50, { error: 'cannot list more than 50 frameworks' }).meta({
  description: 'Written security programmes. `[]` means none; omitted or null means unknown.',
});

export const Frameworks = FrameworkList.nullish();

export type Certification = z.output<typeof Certification>;
export type Framework = z.output<typeof Framework>;
