// A steady, bounded trickle of watch-only requests from the test itself (as the real web app's
// users would make), so the dashboard screenshot shows lines with a shape rather than a burst.
// Loopback only; stops by itself after `seconds`.

const PATHS = ['/api/status', '/api/runs', '/api/runs/run-001', '/health', '/api/routes', '/nope'];

export interface Load {
  /** Resolves with the number of requests sent once the load has run its course. */
  done: Promise<number>;
  stop(): void;
}

export function backgroundLoad(metricsUrl: string, seconds: number): Load {
  let stopped = false;
  const until = Date.now() + seconds * 1000;
  const done = (async () => {
    let sent = 0;
    for (let tick = 0; !stopped && Date.now() < until; tick++) {
      // 4 to 12 requests a second, changing every 5 s: the lines rise and fall.
      const perSecond = 4 + ((Math.floor(tick / 5) * 3) % 9);
      await Promise.all(
        Array.from({ length: perSecond }, async (_, i) => {
          const path = PATHS[(tick + i) % PATHS.length]!;
          try {
            const res = await fetch(new URL(path, metricsUrl), {
              signal: AbortSignal.timeout(2_000),
            });
            await res.arrayBuffer();
            sent++;
          } catch {
            // the server going away mid-load is some other test's subject
          }
        }),
      );
      await new Promise((r) => setTimeout(r, 1_000));
    }
    return sent;
  })();
  return { done, stop: () => (stopped = true) };
}
