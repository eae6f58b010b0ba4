import { z } from 'zod';

/**
 * ISO 3166-1 alpha-2 codes officially assigned, plus XK (Kosovo, user-assigned but used by the EU and most
 * registries). Checked beyond the shape because regimes key on them: `UK` or `EU` would pass a shape test and
 * then silently match no regime (UK PSTI keys on GB, GDPR on the member states).
 */
const COUNTRIES: ReadonlySet<string> = new Set(
  `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT
BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH
ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT
HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS
LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI
NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG
SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG
UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW`.split(/\s+/),
);

/** Codes brokers commonly send that are not ISO 3166-1 countries, with what to send instead. */
const COMMON_MISTAKES: Readonly<Record<string, string>> = {
  UK: 'UK is not an ISO 3166-1 code: the United Kingdom is GB',
  EU: 'EU is not a country code: list the member states where the applicant operates (e.g. DE, FR)',
};

const SHAPE = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;
const SHAPE_MESSAGE =
  'must be an upper-case ISO 3166-1 alpha-2 country code (GB, DE) or an ISO 3166-2 subdivision (US-CA, US-OH)';

/** Why `code` is not an acceptable jurisdiction, or undefined when it is. */
export function jurisdictionProblem(code: string): string | undefined {
  if (!SHAPE.test(code)) {
    return `${JSON.stringify(code)} ${SHAPE_MESSAGE}`;
  }
  const country = code.slice(0, 2);
  const mistake = COMMON_MISTAKES[country];
  if (mistake !== undefined) {
    return mistake;
  }
  if (!COUNTRIES.has(country)) {
    return `${country} is not an assigned ISO 3166-1 alpha-2 country code`;
  }
  return undefined;
}

/** One jurisdiction: a country, or a subdivision whose own part is checked for shape only (ISO 3166-2 is vast). */
export const Jurisdiction = z
  .string({ error: 'must be a jurisdiction code such as GB or US-CA' })
  .regex(SHAPE, { error: (issue) => `${JSON.stringify(issue.input)} ${SHAPE_MESSAGE}`, abort: true })
  .superRefine((code, ctx) => {
    const problem = jurisdictionProblem(code);
    if (problem !== undefined) {
      ctx.addIssue({ code: 'custom', message: problem, input: code });
    }
  })
  .meta({
    description:
      'Where the applicant sells, operates or holds data: an ISO 3166-1 alpha-2 country (`GB`, `DE`) or an ISO 3166-2 subdivision (`US-CA`, `US-OH`). Use `GB` for the United Kingdom; list EU member states individually. Statutes that apply by state (California SB-327, the Ohio safe harbor) need the subdivision.',
    example: 'US-CA',
  });
