import { createHash } from 'node:crypto';
import { factReader } from '../codegen/fixed-shape';
import { canonicalJson } from '../domain/canonical';
import {
  DERIVED,
  FACTS,
  type FactDeclaration,
  type Facts,
  KEV_ITEM_FACTS,
  OPTION_FACTS,
  REGIME_ITEM_FACTS,
} from '../domain/facts/declarations';
import { POSTURE_FIELDS } from '../domain/facts/posture-fields';
import type { CompiledRatingModel, CompiledRegime, CompiledRule, CompiledStep } from '../domain/model/compiled';
import { DOMAINS, RatingModelDocument, RESTRICTION_KINDS, TIERS } from '../domain/model/document';
import type { CompiledExpression, ValueType } from '../domain/model/expression';
import { formatPath } from '../domain/paths';
import { minorUnitDigits } from '../domain/posture/money';
import { ModelError } from './errors';
import {
  compileExpression,
  createRounding,
  createTableEvaluator,
  type ExpressionEnvironment,
  ExpressionError,
  type SymbolDeclaration,
} from './expression';
import { checkDocumentShape, checkImprovements, checkTables, checkUnknowns, orderUnknowns } from './model-checks';
import { compileReasonTemplate } from './template';

const TOLERANCE = 1e-9;

/** Ids name things in results and requests (a schedule item is chosen by id), so each must name one thing. */
function refuseDuplicateIds(items: readonly { id: string }[], path: string, what: string): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) throw new ModelError(`${path}[${index}].id`, `${what} ${item.id} is listed twice`);
    seen.add(item.id);
  });
}

function declarations(list: readonly FactDeclaration[], scope: SymbolDeclaration['scope']) {
  return list.map(
    (fact) =>
      [fact.name, { type: fact.type, scope, ...(fact.values ? { values: fact.values } : {}) }] as [
        string,
        SymbolDeclaration,
      ],
  );
}

/** Which values an expression may read depends on when it runs: scores before tiers, pricing last. */
function environments(document: RatingModelDocument) {
  const tables = new Map(Object.entries(document.tables));
  const roundings = new Map(Object.entries(document.roundings));
  const constants = new Map(Object.entries(document.constants));
  const make = (symbols: [string, SymbolDeclaration][]): ExpressionEnvironment => ({
    symbols: new Map(symbols),
    tables,
    roundings,
    constants,
  });
  const facts = declarations(FACTS, 'facts');
  const derived = declarations(DERIVED, 'derived');
  return {
    facts: make(facts),
    derived: make([...facts, ...derived]),
    pricing: make([...facts, ...derived, ...declarations(OPTION_FACTS, 'item')]),
    kevItem: make([...facts, ...derived, ...declarations(KEV_ITEM_FACTS, 'item')]),
    regimeItem: make([...facts, ...derived, ...declarations(REGIME_ITEM_FACTS, 'item')]),
  };
}

/**
 * Validates a rating-model document and compiles it for the engine. Everything that could make a rating wrong is
 * refused here, with the path of the bad field: schema violations, expressions outside the allow-list, tables that
 * miss a member of the closed set they are keyed by, weights and shares that do not sum to 1, unknown-answer and
 * improvement tables that miss a posture field, and double counting (the retention priced twice, or a fact that
 * drives the tier also driving a schedule item).
 */
export function compileRatingModel(input: unknown): CompiledRatingModel {
  checkDocumentShape(input);
  const parsed = RatingModelDocument.safeParse(input);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    throw new ModelError(issue ? formatPath(issue.path) || '(document)' : '(document)', issue?.message ?? 'invalid');
  }
  const document = parsed.data;
  const canonical = canonicalJson(input);
  try {
    return { ...compileDocument(document, createHash('sha256').update(canonical).digest('hex')), canonical };
  } catch (error) {
    if (error instanceof ExpressionError) throw new ModelError(error.path, error.reason);
    throw error;
  }
}

function compileDocument(document: RatingModelDocument, hash: string): Omit<CompiledRatingModel, 'canonical'> {
  const env = environments(document);
  const compile = <T extends number | boolean | string>(
    source: string,
    path: string,
    type: ValueType,
    environment: ExpressionEnvironment,
  ) => compileExpression<T>(source, path, type, environment);

  checkTables(document);
  refuseDuplicateIds(document.exposure.drivers, 'exposure.drivers', 'exposure driver');
  refuseDuplicateIds(document.tiers.caps, 'tiers.caps', 'tier cap');
  refuseDuplicateIds(document.pricing.adjustments, 'pricing.adjustments', 'adjustment');
  refuseDuplicateIds(document.pricing.schedule.items, 'pricing.schedule.items', 'schedule item');
  for (const [name, rounding] of Object.entries(document.roundings)) createRounding(rounding, `roundings.${name}`);
  for (const [name, table] of Object.entries(document.tables)) createTableEvaluator(name, table, `tables.${name}`);

  const exposureDrivers = document.exposure.drivers.map((driver, index) => ({
    id: driver.id,
    title: driver.title,
    base: compile<number>(driver.base, `exposure.drivers[${index}].base`, 'number', env.facts),
  }));

  const weightSum = DOMAINS.reduce((sum, domain) => sum + document.domains[domain].weight, 0);
  if (Math.abs(weightSum - 1) > TOLERANCE) throw new ModelError('domains', `weights sum to ${weightSum}, not 1`);
  const factorIds = new Set<string>();
  const tierDrivers = new Set<string>();
  const domains = DOMAINS.map((domain) => {
    const definition = document.domains[domain];
    const factors = definition.factors.map((factor, index) => {
      const path = `domains.${domain}.factors[${index}]`;
      if (factorIds.has(factor.id)) throw new ModelError(`${path}.id`, `factor id ${factor.id} is used twice`);
      factorIds.add(factor.id);
      if (!FACTS.some((fact) => fact.name === factor.fact)) {
        throw new ModelError(`${path}.fact`, `unknown fact "${factor.fact}"`);
      }
      const points = compile<number>(factor.points, `${path}.points`, 'number', env.facts);
      for (const symbol of points.symbols) tierDrivers.add(symbol);
      // Member by member, not spread from the document: a spread copies each factor's own key order (and its
      // maps), and a rating reads some seventy factors at the same sites, which then go megamorphic.
      return {
        id: factor.id,
        title: factor.title,
        fact: factor.fact,
        maxPoints: factor.maxPoints,
        reason: factor.reason,
        readValue: factReader<Facts>(factor.fact),
        reasonTemplate: compileReasonTemplate(factor.reason, factor.maxPoints, `${path}.reason`),
        points,
      };
    });
    return {
      id: domain,
      title: definition.title,
      weight: definition.weight,
      factors,
      maxPointsTotal: factors.reduce((sum, factor) => sum + factor.maxPoints, 0),
      scoreFact: `${domain}Score`,
    };
  });

  const bands = document.tiers.bands;
  TIERS.forEach((tier, index) => {
    const band = bands[index];
    if (band?.tier !== tier) {
      throw new ModelError(`tiers.bands[${index}].tier`, `bands must list ${TIERS.join(', ')} in that order`);
    }
    const better = bands[index - 1];
    if (better && !(band.minComposite < better.minComposite)) {
      throw new ModelError(`tiers.bands[${index}].minComposite`, 'must be below the better tier’s minComposite');
    }
  });
  if (bands.at(-1)?.minComposite !== 0) {
    throw new ModelError(`tiers.bands[${bands.length - 1}].minComposite`, 'the worst tier must start at 0');
  }
  const tierCaps = document.tiers.caps.map((cap, index) => {
    const when = compile<boolean>(cap.when, `tiers.caps[${index}].when`, 'boolean', env.derived);
    for (const symbol of when.symbols) tierDrivers.add(symbol);
    return { id: cap.id, title: cap.title, maxTier: cap.maxTier, when };
  });

  const partIds = new Set<string>();
  document.coverage.parts.forEach((part, index) => {
    if (partIds.has(part.id)) throw new ModelError(`coverage.parts[${index}].id`, `part ${part.id} is listed twice`);
    partIds.add(part.id);
  });
  const shareSum = document.coverage.parts.reduce((sum, part) => sum + part.premiumShare, 0);
  if (Math.abs(shareSum - 1) > TOLERANCE) {
    throw new ModelError('coverage.parts', `premium shares sum to ${shareSum}, not 1`);
  }

  const rules = compileRules(document, partIds, env.derived, env.kevItem);
  const pricing = compilePricing(document, env.pricing, tierDrivers);
  checkUnknowns(document);
  checkImprovements(document);
  const regimes = compileRegimes(document, env.facts, env.regimeItem);
  const revisions = new Map<string, { version: string; publishedOn: string }[]>();
  for (const revision of document.frameworkRevisions) {
    const list = revisions.get(revision.framework) ?? [];
    list.push({ version: revision.version, publishedOn: revision.publishedOn });
    revisions.set(revision.framework, list);
  }
  for (const list of revisions.values()) list.sort((a, b) => (a.publishedOn < b.publishedOn ? 1 : -1));

  return {
    id: document.id,
    version: document.version,
    hash,
    title: document.title,
    effectiveFrom: document.effectiveFrom,
    currency: document.currency,
    minorPerMajor: 10 ** minorUnitDigits(document.currency),
    quoteValidityDays: document.quoteValidityDays,
    minCompleteness: document.minCompleteness,
    document,
    certificationEvidence: Object.fromEntries(
      Object.entries(document.certificationSchemes).map(([scheme, value]) => [scheme, value.evidence]),
    ),
    exposureDrivers,
    domains,
    tierBands: bands,
    tierCaps,
    parts: document.coverage.parts,
    rules,
    pricing,
    unknowns: orderUnknowns(document),
    improvements: new Map(POSTURE_FIELDS.map((field) => [field.path, document.improvements[field.path]!])),
    regimes,
    frameworkRevisions: revisions,
  };
}

function compileRegimes(
  document: RatingModelDocument,
  factsEnv: ExpressionEnvironment,
  regimeEnv: ExpressionEnvironment,
): CompiledRatingModel['regimes'] {
  const ids = new Set<string>();
  const rulesByCode = new Map(document.rules.map((rule) => [rule.code, rule]));
  return document.regimes.map((regime, index) => {
    const path = `regimes[${index}]`;
    if (ids.has(regime.id)) throw new ModelError(`${path}.id`, `regime ${regime.id} is listed twice`);
    ids.add(regime.id);
    const requirementIds = new Set<string>();
    const requirements = regime.requirements.map((requirement, position) => {
      const requirementPath = `${path}.requirements[${position}]`;
      if (requirementIds.has(requirement.id)) {
        throw new ModelError(`${requirementPath}.id`, `requirement ${requirement.id} is listed twice`);
      }
      requirementIds.add(requirement.id);
      if (regime.kind === 'compliance' && requirement.level === 'full') {
        throw new ModelError(
          `${requirementPath}.level`,
          'levels grade safe-harbor eligibility; compliance is met or not',
        );
      }
      return {
        definition: requirement,
        met: compileExpression<boolean>(requirement.met, `${requirementPath}.met`, 'boolean', regimeEnv),
      };
    });
    regime.waives.forEach((code, position) => {
      const rule = rulesByCode.get(code);
      const wavePath = `${path}.waives[${position}]`;
      if (regime.kind !== 'safe_harbor')
        throw new ModelError(wavePath, 'only a safe-harbor programme waives restrictions');
      if (!rule) throw new ModelError(wavePath, `no rule has code ${code}`);
      if (rule.kind === 'form_exclusion' || !(RESTRICTION_KINDS as readonly string[]).includes(rule.kind)) {
        throw new ModelError(
          wavePath,
          `${code} is a ${rule.kind}: a programme waives posture restrictions only, never form exclusions`,
        );
      }
    });
    const applies = regime.appliesTo;
    const jurisdictions = applies.jurisdictions ?? null;
    const set = (values: readonly string[] | undefined) => (values ? new Set(values) : null);
    const scope: CompiledRegime['scope'] = {
      exactJurisdictions: jurisdictions ? new Set(jurisdictions.filter((code) => code.includes('-'))) : null,
      countries: jurisdictions ? new Set(jurisdictions.filter((code) => !code.includes('-'))) : null,
      deviceCategories: set(applies.deviceCategories),
      excludedDeviceCategories: new Set(applies.excludedDeviceCategories ?? []),
      checksDevices: Boolean(applies.deviceCategories || applies.excludedDeviceCategories),
      dataTypes: applies.dataTypes ?? null,
      roles: set(applies.roles),
      sectors: set(applies.sectors),
      reasons: {
        jurisdiction: `no jurisdiction among ${(jurisdictions ?? []).join(', ')}`,
        devices: 'no device of a category the regime covers',
        data: `no ${(applies.dataTypes ?? []).join(' or ')} data held`,
        role: `the applicant is not a ${(applies.roles ?? []).join(' or ')}`,
        sector: `the applicant is not in ${(applies.sectors ?? []).join(' or ')}`,
      },
    };
    return {
      definition: regime,
      scope,
      ...(regime.appliesTo.when
        ? { when: compileExpression<boolean>(regime.appliesTo.when, `${path}.appliesTo.when`, 'boolean', factsEnv) }
        : {}),
      requirements,
    };
  });
}

function compileRules(
  document: RatingModelDocument,
  partIds: ReadonlySet<string>,
  ruleEnv: ExpressionEnvironment,
  kevItemEnv: ExpressionEnvironment,
): CompiledRule[] {
  const codes = new Set<string>();
  return document.rules.map((rule, index) => {
    const path = `rules[${index}]`;
    if (codes.has(rule.code)) throw new ModelError(`${path}.code`, `code ${rule.code} is used twice`);
    codes.add(rule.code);
    const isRestriction = (RESTRICTION_KINDS as readonly string[]).includes(rule.kind);
    if (isRestriction && !rule.part)
      throw new ModelError(`${path}.part`, `a ${rule.kind} rule names its coverage part`);
    if (rule.part && rule.part !== 'all' && !partIds.has(rule.part)) {
      throw new ModelError(`${path}.part`, `unknown coverage part "${rule.part}"`);
    }
    const needs = {
      sublimit: 'sublimitShare',
      coinsurance: 'coinsurancePct',
      waiting_period: 'waitingPeriodHours',
    } as const;
    for (const [kind, field] of Object.entries(needs)) {
      if ((rule.kind === kind) !== (rule[field] !== undefined)) {
        throw new ModelError(`${path}.${field}`, `${field} is required for, and only for, ${kind} rules`);
      }
    }
    if (rule.kind === 'subjectivity' && (!rule.timing || !rule.evidence)) {
      throw new ModelError(`${path}.timing`, 'a subjectivity states its timing and the evidence that satisfies it');
    }
    if ((rule.kind === 'referral' || rule.kind === 'decline') && rule.overridable === undefined) {
      throw new ModelError(`${path}.overridable`, `a ${rule.kind} rule says whether an underwriter may override it`);
    }
    if (rule.credit && rule.kind !== 'sublimit' && rule.kind !== 'coinsurance') {
      throw new ModelError(`${path}.credit`, 'only sublimits and coinsurance carry a premium credit');
    }
    const env = rule.forEach === 'kevMatches' ? kevItemEnv : ruleEnv;
    const when = compileExpression<boolean>(rule.when, `${path}.when`, 'boolean', env);
    const optional = (source: string | undefined, field: string) =>
      source === undefined ? undefined : compileExpression<number>(source, `${path}.${field}`, 'number', env);
    return {
      definition: rule,
      when,
      sublimitShare: optional(rule.sublimitShare, 'sublimitShare'),
      coinsurancePct: optional(rule.coinsurancePct, 'coinsurancePct'),
      waitingPeriodHours: optional(rule.waitingPeriodHours, 'waitingPeriodHours'),
      triggeredBy: [...when.symbols],
    };
  });
}

function compilePricing(
  document: RatingModelDocument,
  env: ExpressionEnvironment,
  tierDrivers: ReadonlySet<string>,
): CompiledRatingModel['pricing'] {
  const pricing = document.pricing;
  // hasOwn: a name such as "constructor" would otherwise find Object.prototype's.
  const rounding = Object.hasOwn(document.roundings, pricing.rounding)
    ? document.roundings[pricing.rounding]
    : undefined;
  if (!rounding) throw new ModelError('pricing.rounding', `unknown rounding "${pricing.rounding}"`);
  // Premiums are integer minor units: a rounding to a fraction of one would price in fractions of a cent.
  if (!Number.isSafeInteger(rounding.increment) || rounding.increment < 1) {
    throw new ModelError(
      `roundings.${pricing.rounding}.increment`,
      `the premium rounding (pricing.rounding) must round to a whole number of minor units, 1 or more; ${rounding.increment} is not`,
    );
  }
  const ilfTable = Object.hasOwn(document.tables, pricing.layer.ilfTable)
    ? document.tables[pricing.layer.ilfTable]
    : undefined;
  if (ilfTable?.kind !== 'interpolate') {
    throw new ModelError('pricing.layer.ilfTable', `"${pricing.layer.ilfTable}" is not an interpolate table`);
  }
  const step = (definition: { id: string; title: string; factor: string }, path: string): CompiledStep => ({
    id: definition.id,
    title: definition.title,
    factor: compileExpression<number>(definition.factor, path, 'number', env),
  });
  // The retention is priced once: by the layer (ILF difference) or by its own factor, never also elsewhere.
  const refuseRetention = (expression: CompiledExpression<number>) => {
    if (expression.symbols.has('retention')) {
      throw new ModelError(
        expression.path,
        'reads the retention, which is priced only by the layer or the retention step (no risk is priced twice)',
      );
    }
  };
  const basePremium = {
    id: 'base_premium',
    title: pricing.basePremium.title,
    factor: compileExpression<number>(pricing.basePremium.formula, 'pricing.basePremium.formula', 'number', env),
  };
  refuseRetention(basePremium.factor);
  const adjustments = pricing.adjustments.map((adjustment, index) => {
    const compiled = step(adjustment, `pricing.adjustments[${index}].factor`);
    refuseRetention(compiled.factor);
    return compiled;
  });
  const lossHistory = {
    ...step({ id: 'loss_history', ...pricing.lossHistory }, 'pricing.lossHistory.factor'),
    lookbackYears: pricing.lossHistory.lookbackYears,
  };
  refuseRetention(lossHistory.factor);
  const retention =
    pricing.layer.retention.method === 'layer'
      ? { method: 'layer' as const }
      : {
          method: 'factor' as const,
          ...step({ id: 'retention', ...pricing.layer.retention }, 'pricing.layer.retention.factor'),
        };
  pricing.schedule.items.forEach((item, index) => {
    item.basis.forEach((fact, factIndex) => {
      const path = `pricing.schedule.items[${index}].basis[${factIndex}]`;
      if (!env.symbols.has(fact)) throw new ModelError(path, `unknown fact "${fact}"`);
      if (tierDrivers.has(fact)) {
        throw new ModelError(path, `"${fact}" already drives the tier factor; a schedule item may not price it again`);
      }
    });
  });
  return {
    round: createRounding(rounding, `roundings.${pricing.rounding}`),
    basePremium,
    adjustments,
    ilf: createTableEvaluator(pricing.layer.ilfTable, ilfTable, `tables.${pricing.layer.ilfTable}`) as (
      limit: number,
    ) => number,
    retention,
    tierFactors: pricing.tierFactors,
    lossHistory,
    schedule: pricing.schedule,
    minimumPremium: pricing.minimumPremium,
  };
}
