import { z } from 'zod';
import { DEFAULT_CREDENTIAL_MODES, ENCRYPTION_IN_TRANSIT, SDLC_VALUES } from './enums';
import { days, flag, oneOf } from './fields';

export const Mfa = z
  .strictObject({
    admin: flag('Multi-factor authentication is required for administrative accounts.'),
    remote: flag('Multi-factor authentication is required for remote access (VPN, remote desktop, device management).'),
    cloudConsole: flag('Multi-factor authentication is required on cloud and device-management consoles.'),
  })
  .meta({
    id: 'Mfa',
    description: 'Where multi-factor authentication is enforced. Each answer may be omitted or null (unknown).',
    example: { admin: true, remote: true, cloudConsole: true },
  });

export const Access = z
  .strictObject({
    defaultCredentials: oneOf(DEFAULT_CREDENTIAL_MODES, 'default-credential mode')
      .meta({
        description:
          'How devices ship their credentials: `unique_per_device`, `set_at_setup` (the user must set one before first use) or `universal_default` (one shared password, banned by UK PSTI and California SB-327).',
        example: 'unique_per_device',
      })
      .nullish(),
    hardcodedCredentials: flag(
      'Any device or firmware contains credentials that cannot be changed (hard-coded). Treated at least as severely as universal default passwords.',
      false,
    ),
    mfa: Mfa.nullish(),
    rbac: flag('Role-based access control limits what each account can do.'),
    accessReviewDays: days()
      .meta({
        description: 'Interval between reviews of who has access, in days. Not applicable without role-based access.',
        example: 90,
      })
      .nullish(),
    privilegedAccessManagement: flag('Privileged accounts go through a privileged-access-management tool.', false),
    remoteAdminExposed: flag(
      'Remote administration (telnet, SSH, UPnP, web admin) is reachable from the internet on any device or system. With universal or hard-coded credentials this is the Mirai pattern, declined in every sector.',
      false,
    ),
    encryptionInTransit: oneOf(ENCRYPTION_IN_TRANSIT, 'encryption-in-transit value')
      .meta({
        description: 'Weakest transport encryption used by devices and services: `none`, `tls1_2` or `tls1_3`.',
        example: 'tls1_3',
      })
      .nullish(),
    encryptionAtRest: flag('Data stored on devices and servers is encrypted.'),
    secureBoot: flag('Devices boot only firmware signed by the maker (secure boot).'),
    hardwareRootOfTrust: flag('Devices hold keys in a hardware root of trust (secure element, TPM).', false),
    networkSegmentation: flag('Devices and corporate systems sit on segmented networks.'),
  })
  .meta({
    id: 'Access',
    description:
      'Access controls and device hardening. Every field may be omitted or null (unknown, priced pessimistically); the whole section may be too.',
  });

/** Development answers are scored in the access-and-hardening domain (docs/workflow.md). */
export const Development = z
  .strictObject({
    threatModeling: flag('Products are threat-modelled during design.'),
    secureDevelopmentLifecycle: oneOf(SDLC_VALUES, 'secure development lifecycle')
      .meta({
        description:
          'The secure development lifecycle followed: `iec_62443_4_1`, `nist_ssdf` (NIST SP 800-218), an `internal` one, or `none`.',
        example: 'nist_ssdf',
      })
      .nullish(),
    securityTestingBeforeRelease: flag(
      'Every release passes security testing (static analysis, fuzzing, pen test) before shipping.',
    ),
    thirdPartyComponentReview: flag(
      'Third-party and open-source components are reviewed for vulnerabilities before use.',
    ),
    tamperResistance: flag('Devices resist physical tampering (sealed debug ports, tamper detection).', false),
  })
  .meta({
    id: 'Development',
    description:
      'Security by design; scored in the access-and-hardening domain. Every field may be omitted or null (unknown); the whole section may be too.',
  });

export type Mfa = z.output<typeof Mfa>;
export type Access = z.output<typeof Access>;
export type Development = z.output<typeof Development>;
