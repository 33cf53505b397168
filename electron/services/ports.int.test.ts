import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { findPortHolder, isPortFree, parseLsofHolder, parseSsHolder } from './ports';

describe('who holds a port', () => {
  it('reads the process from ss output', () => {
    const out =
      'LISTEN 0      4096   127.0.0.1:9091  0.0.0.0:*    users:(("prometheus",pid=4242,fd=7))\n';
    expect(parseSsHolder(out, 9091)).toEqual({ process: 'prometheus', pid: 4242 });
    expect(parseSsHolder(out, 3000)).toBeNull();
  });

  it('reads the process from lsof -F output', () => {
    expect(parseLsofHolder('p812\ncgrafana\nf12\n')).toEqual({ process: 'grafana', pid: 812 });
    expect(parseLsofHolder('')).toBeNull();
  });

  it('sees a port taken by a real listener, and names this process on Linux', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      expect(await isPortFree('127.0.0.1', port)).toBe(false);
      if (process.platform === 'linux') {
        const holder = await findPortHolder(port);
        expect(holder?.pid).toBe(process.pid);
      }
    } finally {
      await new Promise((r) => server.close(r));
    }
    expect(await isPortFree('127.0.0.1', port)).toBe(true);
  });
});
