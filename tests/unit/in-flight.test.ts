import { describe, expect, it } from 'vitest';
import { trackInFlight } from '../../src/http/in-flight';

describe('trackInFlight', () => {
  it('is idle at once with nothing running, and otherwise when the last request settles, failed or not', async () => {
    const releases: (() => void)[] = [];
    const handling = trackInFlight(
      (fail: boolean) =>
        new Promise<Response>((resolve, reject) => {
          releases.push(() => (fail ? reject(new Error('handler failed')) : resolve(new Response('ok'))));
        }),
    );
    await handling.idle();
    const first = handling.fetch(false);
    const second = handling.fetch(true).catch((error: Error) => error.message);
    let idle = false;
    const waiting = handling.idle().then(() => {
      idle = true;
    });
    releases[0]!();
    expect(await (await first).text()).toBe('ok');
    expect(idle).toBe(false);
    releases[1]!();
    expect(await second).toBe('handler failed');
    await waiting;
    expect(idle).toBe(true);
  });
});
