import type { Facts } from '../facts/declarations';
import { FACTS } from '../facts/declarations';
import type { CompiledRatingModel, CompiledRule } from '../model/compiled';
import type { Reason, Restriction, Subjectivity, Trigger } from '../rating-result';
import type { UnknownAnswer } from '../unknowns';
import { ModelDefectError } from './errors';

export const INCOMPLETE_SUBMISSION = 'INCOMPLETE_SUBMISSION';

const NO_ITEM: readonly undefined[] = [undefined];

const FIELD_OF_FACT = new Map(FACTS.flatMap((fact) => (fact.field ? [[fact.name, fact.field] as const] : [])));

export interface RuleOutcome {
  restrictions: Restriction[];
  subjectivities: Subjectivity[];
  referralReasons: Reason[];
  declineReasons: Reason[];
}

function triggers(rule: CompiledRule, facts: Facts, derived: Facts, item?: Facts): Trigger[] {
  return rule.triggeredBy.map((fact) => ({
    fact,
    value: (item && fact in item ? item[fact] : fact in facts ? facts[fact] : derived[fact])!,
  }));
}

function evaluateNumber(
  rule: CompiledRule,
  field: 'sublimitShare' | 'coinsurancePct' | 'waitingPeriodHours',
  facts: Facts,
  derived: Facts,
  max: number,
  item: Facts | undefined,
) {
  const expression = rule[field]!;
  const value = expression.evaluate(facts, derived, item);
  if (!(value >= 0 && value <= max)) throw new ModelDefectError(expression.path, `${field} ${value} outside 0..${max}`);
  return Math.round(value * 10_000) / 10_000;
}

/**
 * Evaluates the model's rules in their order: restrictions, subjectivities, referrals and declines, each with the
 * facts that triggered it. Unknown answers add their own subjectivity or referral, and a submission below the
 * model's minimum completeness is referred (docs/workflow.md).
 */
/**
 * Re-evaluates a rule's condition with the given unknown fields answered as favourably as the model's improvement
 * order allows; true means the known answers alone decide the rule.
 */
export type HoldsRegardless = (rule: CompiledRule, assumedFields: readonly string[]) => boolean;

export function applyRules(
  model: CompiledRatingModel,
  facts: Facts,
  derived: Facts,
  unknowns: readonly UnknownAnswer[],
  completeness: number,
  holdsRegardless: HoldsRegardless,
  kevItems: readonly Facts[],
): RuleOutcome {
  const outcome: RuleOutcome = { restrictions: [], subjectivities: [], referralReasons: [], declineReasons: [] };
  // Built on the first decline only: most ratings have none.
  let unknownFields: Set<string> | undefined;
  for (const rule of model.rules) {
    const items = rule.definition.forEach === 'kevMatches' ? kevItems : NO_ITEM;
    for (const item of items) {
      if (!rule.when.evaluate(facts, derived, item)) continue;
      const definition = item ? { ...rule.definition, code: `${rule.definition.code}:${item.cveId}` } : rule.definition;
      const triggeredBy = triggers(rule, facts, derived, item);
      switch (definition.kind) {
        case 'decline': {
          // Unknown answers may refer or price but never decline on their own: a decline that would not hold had the
          // unknown answers been the best possible is referred until they are confirmed.
          unknownFields ??= new Set(unknowns.map((unknown) => unknown.field));
          const unknown = unknownFields;
          const assumed = [...new Set(rule.triggeredBy.flatMap((fact) => FIELD_OF_FACT.get(fact) ?? []))].filter(
            (field) => unknown.has(field),
          );
          if (assumed.length > 0 && !holdsRegardless(rule, assumed)) {
            outcome.referralReasons.push({
              code: definition.code,
              title: `${definition.title} (rests on assumed answers to ${assumed.join(', ')}: declines if confirmed)`,
              overridable: true,
              triggeredBy,
            });
            break;
          }
          outcome.declineReasons.push({
            code: definition.code,
            title: definition.title,
            overridable: definition.overridable ?? false,
            triggeredBy,
          });
          break;
        }
        case 'referral':
          outcome.referralReasons.push({
            code: definition.code,
            title: definition.title,
            overridable: definition.overridable ?? false,
            triggeredBy,
          });
          break;
        case 'subjectivity':
          outcome.subjectivities.push({
            code: definition.code,
            title: definition.title,
            timing: definition.timing!,
            ...(definition.dueDays !== undefined ? { dueDays: definition.dueDays } : {}),
            evidence: definition.evidence!,
            status: 'open',
            ...(definition.onFailure ? { onFailure: definition.onFailure } : {}),
            triggeredBy,
          });
          break;
        default: {
          // Assigned in the order of the response, optional terms only when the rule has them: cheaper than
          // spreading conditional objects, for a rule that fires on most applicants.
          const restriction: Restriction = {
            code: definition.code,
            kind: definition.kind,
            part: definition.part!,
            title: definition.title,
            triggeredBy,
            remedy: definition.remedy,
          } as Restriction;
          if (definition.source) restriction.source = definition.source;
          if (rule.sublimitShare) {
            restriction.sublimitShare = evaluateNumber(rule, 'sublimitShare', facts, derived, 1, item);
          }
          if (rule.coinsurancePct) {
            restriction.coinsurancePct = evaluateNumber(rule, 'coinsurancePct', facts, derived, 100, item);
          }
          if (rule.waitingPeriodHours) {
            restriction.waitingPeriodHours = evaluateNumber(rule, 'waitingPeriodHours', facts, derived, 720, item);
          }
          restriction.credit = definition.credit;
          outcome.restrictions.push(restriction);
        }
      }
    }
  }
  for (const unknown of unknowns) {
    if (unknown.action === 'subjectivity') {
      outcome.subjectivities.push({
        code: `ANSWER:${unknown.field}`,
        title: `Answer the posture question ${unknown.field}`,
        timing: unknown.timing,
        evidence: `The applicant's answer to ${unknown.field}; until then it is rated as ${JSON.stringify(unknown.assumed)}.`,
        status: 'open',
        triggeredBy: [],
      });
    } else if (unknown.action === 'referral') {
      outcome.referralReasons.push({
        code: `UNKNOWN_ANSWER:${unknown.field}`,
        title: `The answer to ${unknown.field} is unknown and the model refers it`,
        overridable: true,
        triggeredBy: [],
      });
    }
  }
  if (completeness < model.minCompleteness) {
    outcome.referralReasons.push({
      code: INCOMPLETE_SUBMISSION,
      title: `Only ${(completeness * 100).toFixed(1)}% of applicable posture questions are answered; the model needs ${(model.minCompleteness * 100).toFixed(1)}%`,
      overridable: true,
      triggeredBy: [{ fact: 'completeness', value: completeness }],
    });
  }
  return outcome;
}
