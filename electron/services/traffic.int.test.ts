// "Send test traffic" against a real loopback server: bounded, and with settleMs the first round
// (one request per shot of the mix) lands a pause before the rest.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendTraffic } from './traffic';

let server: Server | null = null;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function recorder(): Promise<{ base: string; times: number[] }> {
  const times: number[] = [];
  server = createServer((req, res) => {
    times.push(performance.now());
    res.end('ok');
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, times };
}

describe('sendTraffic', () => {
  it('sends the number asked for, at once without settleMs', async () => {
    const { base, times } = await recorder();
    const result = await sendTraffic(base, { requests: 30 });
    expect(result.sent).toBe(30);
    expect(times).toHaveLength(30);
  });

  it('with settleMs, sends one round of the mix, pauses, then the rest', async () => {
    const { base, times } = await recorder();
    const result = await sendTraffic(base, { requests: 30, settleMs: 400 });
    expect(result.sent).toBe(30);
    const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t));
    const pause = gaps.findIndex((g) => g >= 350);
    expect(pause + 1, 'requests before the pause').toBe(10);
    expect(gaps.filter((g) => g >= 350)).toHaveLength(1);
  });
});
