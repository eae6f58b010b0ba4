import { z } from '@hono/zod-openapi';
import { accepts } from 'hono/accepts';
import { type ComparisonRow, compareApplicants, type RowProblem } from '../../../services/comparisons/compare';
import { serviceContext } from '../../context';
import { ApiError, problemBody } from '../../problem';
import { ALL_ROLES, defineRoute, type RouteDefaults } from '../../route';
import { COMPARISON_BODY_LIMIT_BYTES, ComparisonRequest, ComparisonResponse } from '../../schemas/comparison';
import type { App } from '../../types';
import { CSV_COLUMNS, comparisonCsv } from './csv';
import { parseEntry } from './entries';

const CSV = 'text/csv';

const route = defineRoute({
  method: 'post',
  path: '/v1/comparisons',
  operationId: 'compareApplicants',
  tags: ['Rating'],
  summary: 'Compare applicants side by side on one option (stateless)',
  description:
    'Rates 1 to 1,000 applicants (inline, or stored applicants and assessments the key may see) on one coverage ' +
    'option, as of `asOf` (default: today) with the default model in force then, and answers one row per entry in ' +
    'input order: scores, tier, decision, premium and premiums per unit of revenue and of devices, exclusions, ' +
    'safe-harbor standing, the three costliest posture gaps, and a rank and percentile by `sortBy`. An entry that ' +
    'fails validation or names an object the key may not see gets a row `problem`; the rest are rated. ' +
    'With `Accept: text/csv` the rows come as CSV instead. Nothing is stored. Body up to 4 MiB.',
  access: { roles: ALL_ROLES },
  bodyLimitBytes: COMPARISON_BODY_LIMIT_BYTES,
  request: {
    body: { required: true, content: { 'application/json': { schema: ComparisonRequest } } },
  },
  responses: {
    200: {
      description: 'The comparison.',
      headers: { Vary: { description: 'Accept: JSON or CSV.', schema: { type: 'string' } } },
      content: {
        'application/json': { schema: ComparisonResponse },
        [CSV]: {
          schema: z.string().openapi({
            description: `The rows as RFC 4180 CSV with a header line (the summary is JSON only). Columns: ${CSV_COLUMNS.join(', ')}. Amounts (\`…Minor\`) are integer minor units of \`currency\`; lists are joined with \`; \`; empty cells are nulls; text cells starting with = + - @ are prefixed with '.`,
          }),
        },
      },
    },
  },
});

function problemOf(problem: RowProblem): ApiError {
  return new ApiError(problem.kind === 'not_found' ? 'not_found' : 'validation_failed', problem.detail, {
    errors: problem.errors,
  });
}

export const register = (app: App, defaults: RouteDefaults) =>
  app.openapi(route(defaults), async (c) => {
    const body = c.req.valid('json');
    const comparison = await compareApplicants(
      serviceContext(c),
      {
        entries: body.applicants.map(parseEntry),
        option: body.option,
        asOf: body.asOf,
        sortBy: body.sortBy,
      },
      c.var.deps.ratingPool,
    );
    const problems = new Map<ComparisonRow, ApiError>();
    for (const row of comparison.rows) if (row.problem) problems.set(row, problemOf(row.problem));
    c.header('Vary', 'Accept');
    if (accepts(c, { header: 'Accept', supports: ['application/json', CSV], default: 'application/json' }) === CSV) {
      const csv = comparisonCsv(comparison, (row) => problems.get(row) ?? null);
      return c.body(csv, 200, { 'Content-Type': `${CSV}; charset=utf-8; header=present` });
    }
    const requestId = c.var.requestId;
    const rows = comparison.rows.map((row) => {
      const problem = problems.get(row);
      return problem
        ? { ...row, problem: problemBody(problem, c.req.path, requestId) }
        : (row as typeof row & { problem: null });
    });
    return c.json({ rows, summary: comparison.summary }, 200);
  });
