/**
 * Counts the requests being handled, so a shutdown can wait for them: closing the listening socket waits only for
 * connections, and a handler whose client hung up goes on running, and writing to the database, after its
 * connection is gone.
 */
export function trackInFlight<Args extends unknown[]>(fetch: (...args: Args) => Response | Promise<Response>) {
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  return {
    fetch: async (...args: Args): Promise<Response> => {
      inFlight += 1;
      try {
        return await fetch(...args);
      } finally {
        inFlight -= 1;
        if (inFlight === 0) for (const wake of waiting.splice(0)) wake();
      }
    },
    /** Resolves once no request is being handled. */
    idle: (): Promise<void> =>
      inFlight === 0
        ? Promise.resolve()
        : new Promise((resolve) => {
            waiting.push(resolve);
          }),
  };
}
