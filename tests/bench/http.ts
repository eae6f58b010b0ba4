/**
 * POST /v1/score over HTTP under load, against the bare Hono route on the same server that parses the same body
 * and answers a response of the same size: throughput at saturation and latency at a fixed rate (load.ts). The
 * server runs in a child process (harness `startBenchServerProcess`), autocannon in this one. Never fails on a
 * number.
 */
import { exampleRequest } from '../support/requests';
import { postAs, startBenchServerProcess } from './harness';
import { type LoadComparison, type LoadTarget, routeAgainstBaselineUnderLoad } from './load';

export type HttpBenchResult = LoadComparison;

export async function benchHttp(): Promise<HttpBenchResult> {
  const server = await startBenchServerProcess();
  try {
    const body = JSON.stringify(exampleRequest());
    const first = await postAs(server.broker, `${server.origin}/v1/score`, body);
    if (first.status !== 200) throw new Error(`POST /v1/score answered ${first.status}: ${first.text.slice(0, 300)}`);
    await server.setBaselineResponse(JSON.parse(first.text));
    const bare = await postAs(server.broker, `${server.origin}/bench/baseline`, body);
    if (bare.text.length !== first.text.length) throw new Error('the baseline response is not the same size');
    const target = (path: string): LoadTarget => ({
      origin: server.origin,
      path,
      method: 'POST',
      headers: { ...server.broker.headers, 'Content-Type': 'application/json' },
      body,
      status: 200,
    });
    return await routeAgainstBaselineUnderLoad(target('/v1/score'), target('/bench/baseline'), {
      requestBytes: Buffer.byteLength(body),
      responseBytes: Buffer.byteLength(first.text),
    });
  } finally {
    await server.close();
  }
}
