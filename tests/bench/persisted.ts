/**
 * POST /v1/quotes on PostgreSQL under load, against bare Hono routes on the same server and the same connection
 * pool that parse the same body, write with one INSERT through postgres.js and answer a response of the same size:
 * throughput at saturation and latency at a fixed rate (load.ts). The baseline the target is read against inserts a
 * payload of the same size as a quote's: the very rows a quote wrote (its row, its options, its audit events, as
 * one JSON document); the request-body baseline inserts the 192-byte request, and is shown beside it. Skipped,
 * saying why, when PostgreSQL is not usable. Never fails on a number.
 */
import postgres from 'postgres';
import { exampleRequest } from '../support/requests';
import { onScratchPostgres, postAs, type Skipped, startBenchServerProcess } from './harness';
import { type LoadComparison, type LoadTarget, routeAgainstBaselineUnderLoad } from './load';

export type PersistedBenchResult = (LoadComparison & { assessments: number; payloadBytes: number }) | Skipped;

/**
 * What a quote wrote, as one JSON document: its row, its options and the audit events of its creation (including
 * the supersession of the quote before it). The superseded quote's row update is left out.
 */
async function storedPayloadOf(databaseUrl: string, quoteId: string): Promise<string> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ payload: string }[]>`
      select json_build_object(
        'quote', row_to_json(q),
        'options', (select json_agg(o) from quote_options o where o.quote_id = q.id),
        'auditEvents', (select json_agg(a) from audit_events a
                        where a.entity_id = q.id::text or a.after ->> 'supersededBy' = q.id::text)
      )::text as payload
      from quotes q where q.id = ${quoteId}`;
    if (!row) throw new Error(`quote ${quoteId} not found`);
    return row.payload;
  } finally {
    await sql.end();
  }
}

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
      // Quoted twice, so the second supersedes the first, as every quote of the run after its assessment's first does.
      const firstBody = quoteBody();
      await post('/v1/quotes', firstBody);
      const first = await post('/v1/quotes', firstBody);
      const payload = await storedPayloadOf(databaseUrl, (JSON.parse(first) as { id: string }).id);
      await server.setBaselineResponse(JSON.parse(first));
      await server.setInsertPayload(payload);
      for (const path of ['/bench/insert-payload', '/bench/insert']) {
        const bare = await post(path, firstBody);
        if (bare.length !== first.length) throw new Error(`${path}: the baseline response is not the same size`);
      }
      // No Idempotency-Key: each request is a new quote, and the optional key would add its own write.
      const target = (path: string): LoadTarget => ({
        origin: server.origin,
        path,
        method: 'POST',
        headers: { ...server.broker.headers, 'Content-Type': 'application/json' },
        body: quoteBody,
        status: 201,
      });
      const measured = await routeAgainstBaselineUnderLoad(
        target('/v1/quotes'),
        target('/bench/insert-payload'),
        { requestBytes: Buffer.byteLength(firstBody), responseBytes: Buffer.byteLength(first) },
        undefined,
        [target('/bench/insert')],
      );
      return { ...measured, assessments: assessments.length, payloadBytes: Buffer.byteLength(payload) };
    } finally {
      await server.close();
    }
  });
}
