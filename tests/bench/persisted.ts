/**
 * POST /v1/quotes on PostgreSQL under load, against a bare Hono route on the same server and the same connection
 * pool that parses the same body and INSERTs it (one statement through postgres.js) and answers a response of the
 * same size: throughput at saturation and latency at a fixed rate (load.ts). Skipped, saying why, when PostgreSQL
 * is not usable. Never fails on a number.
 */
import { exampleRequest } from '../support/requests';
import { onScratchPostgres, postAs, type Skipped, startBenchServerProcess } from './harness';
import { type LoadComparison, type LoadTarget, routeAgainstBaselineUnderLoad } from './load';

export type PersistedBenchResult = (LoadComparison & { assessments: number }) | Skipped;

/** Within the harness clock's year (BENCH_AS_OF 2026-11-22), as a quote's effective date must be. */
const EFFECTIVE_DATE = '2026-12-01';

export function benchPersisted(
  assessmentCount = Number(process.env.BENCH_QUOTE_ASSESSMENTS ?? 256),
): Promise<PersistedBenchResult> {
  return onScratchPostgres(async (databaseUrl) => {
    const server = await startBenchServerProcess({ databaseUrl });
    try {
      const post = async (path: string, body: unknown, status = 201) => {
        const answer = await postAs(server.broker, `${server.origin}${path}`, body);
        if (answer.status !== status)
          throw new Error(`${path} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
        return answer.text;
      };
      const example = exampleRequest();
      // Quotes rotate over many assessments: each quote locks its assessment (to supersede the one before), so one
      // assessment for all would measure 50 requests queueing on one row lock. They share one broker, whose audit
      // chain every quote appends to, as one busy broker's would.
      const assessments: string[] = [];
      const perApplicant = 8;
      for (let made = 0; made < assessmentCount; made += perApplicant) {
        const applicant = JSON.parse(await post('/v1/applicants', example.profile)) as { id: string };
        const batch = Array.from({ length: Math.min(perApplicant, assessmentCount - made) }, () =>
          post(`/v1/applicants/${applicant.id}/assessments`, example.posture),
        );
        for (const text of await Promise.all(batch)) assessments.push((JSON.parse(text) as { id: string }).id);
      }
      let next = 0;
      const quoteBody = () =>
        JSON.stringify({
          assessmentId: assessments[next++ % assessments.length],
          options: example.options,
          effectiveDate: EFFECTIVE_DATE,
        });
      const firstBody = quoteBody();
      const first = await post('/v1/quotes', firstBody);
      await server.setBaselineResponse(JSON.parse(first));
      const bare = await post('/bench/insert', firstBody);
      if (bare.length !== first.length) throw new Error('the baseline response is not the same size');
      // No Idempotency-Key: each request is a new quote, and the optional key would add its own write.
      const target = (path: string): LoadTarget => ({
        origin: server.origin,
        path,
        method: 'POST',
        headers: { ...server.broker.headers, 'Content-Type': 'application/json' },
        body: quoteBody,
        status: 201,
      });
      const measured = await routeAgainstBaselineUnderLoad(target('/v1/quotes'), target('/bench/insert'), {
        requestBytes: Buffer.byteLength(firstBody),
        responseBytes: Buffer.byteLength(first),
      });
      return { ...measured, assessments: assessments.length };
    } finally {
      await server.close();
    }
  });
}
