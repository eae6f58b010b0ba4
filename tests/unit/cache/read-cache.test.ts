import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../src/db/client';
import { CHANGE_CHANNEL, ChangeFeed, ReadCache } from '../../../src/services/cache/change-feed';

/** A feed on a database stand-in whose announcements and re-subscriptions the test sends by hand. */
async function feedOnFakeDatabase(maxAgeMs = 60_000) {
  let announce: (payload: string) => void = () => {};
  let resubscribe: () => void = () => {};
  const database = {
    listen: async (channel: string, onNotify: (payload: string) => void, onListening: () => void) => {
      expect(channel).toBe(CHANGE_CHANNEL);
      announce = onNotify;
      resubscribe = onListening;
      onListening();
      return async () => {};
    },
  } as unknown as DatabaseHandle;
  const feed = await ChangeFeed.subscribe(database, { maxAgeMs });
  return { feed, announce: (table: string) => announce(table), resubscribe: () => resubscribe() };
}

function countingLoader<V>(value: () => V | undefined) {
  const loader = async () => {
    loader.calls += 1;
    return value();
  };
  loader.calls = 0;
  return loader;
}

describe('ReadCache', () => {
  it('reads once, then again only after one of its tables is announced', async () => {
    const { feed, announce } = await feedOnFakeDatabase();
    const cache = new ReadCache<string, { n: number }>(feed, ['api_keys', 'organizations'], 10);
    let n = 1;
    const load = countingLoader(() => ({ n }));
    expect(await cache.get('k', load)).toEqual({ n: 1 });
    expect(await cache.get('k', load)).toEqual({ n: 1 });
    expect(load.calls).toBe(1);
    announce('rating_models');
    expect(await cache.get('k', load)).toEqual({ n: 1 });
    expect(load.calls).toBe(1);
    n = 2;
    announce('organizations');
    expect(await cache.get('k', load)).toEqual({ n: 2 });
    expect(load.calls).toBe(2);
    feed.changed('api_keys');
    n = 3;
    expect(await cache.get('k', load)).toEqual({ n: 3 });
  });

  it('does not keep a value whose load raced a change, nor an absent row', async () => {
    const { feed, announce } = await feedOnFakeDatabase();
    const cache = new ReadCache<string, { n: number }>(feed, ['api_keys'], 10);
    const racing = async () => {
      announce('api_keys');
      return { n: 1 };
    };
    expect(await cache.get('k', racing)).toEqual({ n: 1 });
    const load = countingLoader(() => ({ n: 2 }));
    expect(await cache.get('k', load)).toEqual({ n: 2 });
    expect(load.calls).toBe(1);
    const absent = countingLoader<{ n: number }>(() => undefined);
    await cache.get('unknown', absent);
    await cache.get('unknown', absent);
    expect(absent.calls).toBe(2);
  });

  it('drops everything when the subscription is re-established, since announcements may have been missed', async () => {
    const { feed, resubscribe } = await feedOnFakeDatabase();
    const cache = new ReadCache<string, { n: number }>(feed, ['kev_entries'], 10);
    const load = countingLoader(() => ({ n: 1 }));
    await cache.get('k', load);
    resubscribe();
    await cache.get('k', load);
    expect(load.calls).toBe(2);
  });

  it('keeps nothing longer than the feed allows, nor anything once the feed is closed, nor without a feed', async () => {
    const { feed } = await feedOnFakeDatabase(20);
    const cache = new ReadCache<string, { n: number }>(feed, ['api_keys'], 10);
    const load = countingLoader(() => ({ n: 1 }));
    await cache.get('k', load);
    await new Promise((resolve) => setTimeout(resolve, 40));
    await cache.get('k', load);
    expect(load.calls).toBe(2);

    await feed.close();
    const afterClose = new ReadCache<string, { n: number }>(feed, ['api_keys'], 10);
    const closedLoad = countingLoader(() => ({ n: 1 }));
    await afterClose.get('k', closedLoad);
    await afterClose.get('k', closedLoad);
    expect(closedLoad.calls).toBe(2);

    const uncached = new ReadCache<string, { n: number }>(undefined, ['api_keys'], 10);
    const direct = countingLoader(() => ({ n: 1 }));
    await uncached.get('k', direct);
    await uncached.get('k', direct);
    expect(direct.calls).toBe(2);
  });
});
