/**
 * The bench server (harness.ts) in a process of its own, driven over the IPC channel by
 * `startBenchServerProcess`. Exits when its parent goes away, so a crashed bench never leaves a server behind.
 */
import { type BenchServerMessage, type BenchServerRequest, startBenchServer } from './harness';

const server = await startBenchServer({ databaseUrl: process.env.BENCH_SERVER_DATABASE_URL || undefined });
const send = (message: BenchServerMessage) => process.send?.(message);

process.on('disconnect', () => process.exit(0));
process.on('message', async (request: BenchServerRequest) => {
  try {
    switch (request.kind) {
      case 'setBaselineResponse':
        server.setBaselineResponse(request.reference);
        send({ kind: 'answer', id: request.id });
        break;
      case 'setInsertPayload':
        server.setInsertPayload(request.payload);
        send({ kind: 'answer', id: request.id });
        break;
      case 'close':
        await server.close();
        send({ kind: 'answer', id: request.id });
        process.exit(0);
    }
  } catch (error) {
    send({ kind: 'answer', id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
});
send({ kind: 'ready', origin: server.origin, admin: server.admin, broker: server.broker });
