// A live pid is not a working service: the status asks Prometheus's /-/ready and Grafana's
// /api/health, and a Grafana another process started is adopted only once it is healthy. Real
// Prometheus (paused with SIGSTOP: alive, but answering nothing) and a Grafana stand-in whose
// health a test can turn bad.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PROMETHEUS_BIN, requireBinary, skipWithout } from '../../prometheus/testing';
import { NativeRuntime } from './native';
import { makeNativeStack, rejection, writeGrafanaStandIn, type NativeStack } from './testing';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function stackWith(bins: Record<string, string>): Promise<NativeStack> {
  const stack = await makeNativeStack({}, bins);
  cleanups.push(stack.cleanup);
  return stack;
}

function runtimeFor(stack: NativeStack, readyTimeoutMs = 20_000): NativeRuntime {
  const runtime = new NativeRuntime({
    env: stack.env,
    settings: () => stack.ctx.settings,
    readyTimeoutMs,
    stopTimeoutMs: 2_000,
  });
  cleanups.push(() => runtime.down(stack.ctx, () => undefined));
  return runtime;
}

describe.skipIf(skipWithout(PROMETHEUS_BIN))('native status probes readiness', () => {
  it('shows a Prometheus whose pid lives but that does not answer /-/ready as not ready, with why', async () => {
    requireBinary(PROMETHEUS_BIN);
    const stack = await stackWith({ prometheus: PROMETHEUS_BIN });
    const runtime = runtimeFor(stack);
    await runtime.up(stack.ctx, () => undefined);
    expect((await runtime.status(stack.ctx))[0]?.state).toBe('running');
    const pid = (await runtime.pid('prometheus', stack.ctx)) ?? 0;
    process.kill(pid, 'SIGSTOP');
    cleanups.push(() => void process.kill(pid, 'SIGCONT'));
    const paused = (await runtime.status(stack.ctx))[0];
    expect(paused?.state).toBe('starting');
    expect(paused?.detail).toMatch(
      new RegExp(`^pid ${pid} is running but not ready: .*/-/ready did not answer within 2 s`),
    );
    process.kill(pid, 'SIGCONT');
    expect((await runtime.status(stack.ctx))[0]).toMatchObject({ state: 'running', detail: null });
  });

  it('adopts a running Grafana only when /api/health answers, and shows it not ready otherwise', async () => {
    requireBinary(PROMETHEUS_BIN);
    const root = (await stackWith({})).root;
    const sick = join(root, 'grafana-sick');
    // Answers /api/health like Grafana; its database is "failing" while the file exists.
    const { binary: grafana } = await writeGrafanaStandIn(
      root,
      `const http = require('node:http'); const fs = require('node:fs'); const e = process.env;
       http.createServer((q, s) => { const bad = fs.existsSync(${JSON.stringify(sick)});
         s.statusCode = bad ? 503 : 200; s.setHeader('content-type', 'application/json');
         s.end(JSON.stringify({ database: bad ? 'failing' : 'ok', version: '0.0.0-stand-in' })); })
         .listen(Number(e.GF_SERVER_HTTP_PORT), e.GF_SERVER_HTTP_ADDR);`,
    );
    const stack = await stackWith({ prometheus: PROMETHEUS_BIN, grafana });
    await runtimeFor(stack).up(stack.ctx, () => undefined);
    await writeFile(sick, '');
    cleanups.push(() => rm(sick, { force: true }));
    // Another app (knows only the state files) looks, then tries to adopt it.
    const next = runtimeFor(stack, 1_500);
    const shown = (await next.status(stack.ctx))[1];
    expect(shown?.state).toBe('starting');
    expect(shown?.detail).toMatch(/is running but not ready/);
    const err = await rejection(next.up(stack.ctx, () => undefined));
    expect(err.message).toMatch(/grafana|Grafana/);
    expect((await next.status(stack.ctx))[1]?.state).not.toBe('running');
  });
});
