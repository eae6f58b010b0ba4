import type { z } from '@hono/zod-openapi';
import type { FieldProblem } from '../services/errors';
import { formatPath } from './problem';

/**
 * Turns zod issues into `{ path, message }` pairs. An unknown property is reported at its own path, so a
 * client sees which key to remove rather than only the object that held it.
 */
export function fieldProblems(error: z.ZodError, prefix?: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({
          path: formatPath([...issue.path, key], prefix),
          message: 'unknown field: not part of this schema',
        });
      }
      continue;
    }
    problems.push({ path: formatPath(issue.path, prefix), message: issue.message });
  }
  return problems;
}
