// An https source behind a path prefix, on real parts: Debian's prometheus serving TLS
// (--web.config.file tls_server_config) with a certificate signed by a CA openssl makes here,
// under --web.route-prefix=/prometheus as behind a proxy. Without the CA the certificate is named
// as untrusted with the fix; with the CA file it is up; skip-verify is up and flagged.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsole, type ConsoleCore } from '../console';
import { PROMETHEUS_BIN, rejection, skipWithout, waitFor } from '../prometheus/testing';
import { makeTestCertificates, startSourcePrometheus, type RunningSource } from './testing';

const skip = skipWithout(PROMETHEUS_BIN);

describe.skipIf(skip)('an https source behind a path prefix', () => {
  let core: ConsoleCore;
  let dataDir: string;
  let certs: { ca: string; cert: string; key: string };
  let prom: RunningSource;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pw-src-tls-'));
    certs = makeTestCertificates(dataDir);
    core = await createConsole({ dataDir, serve: false });
    prom = await startSourcePrometheus({
      jobs: [{ job: 'prometheus', targets: ['127.0.0.1:1'] }],
      tls: certs,
      routePrefix: '/prometheus',
    });
  });

  afterAll(async () => {
    await core?.close();
    await prom?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('without its CA: the certificate is named as not trusted, with the --ca-file fix', async () => {
    const status = await core.api.testSource({ kind: 'existing', url: prom.url, auth: 'none' });
    expect(status.health).toBe('down');
    expect(status.error?.code).toBe('prometheus-tls');
    expect(status.error?.message).toMatch(
      new RegExp(`^The source at ${prom.url} sent a certificate this machine does not trust \\(`),
    );
    expect(status.error?.fix).toContain('--ca-file');
  });

  it('with the CA file: up through the prefix; its UI is under the prefix too', async () => {
    const status = await core.api.useSource({
      kind: 'existing',
      url: prom.url,
      auth: 'none',
      caFile: certs.ca,
    });
    expect(status.health, JSON.stringify(status.error)).toBe('up');
    expect(status.url).toBe(prom.url);
    expect(status.caFile).toBe(certs.ca);
    expect(status.skipTlsVerify).toBe(false);
    expect(status.uiUrl?.startsWith(`${prom.url}/`)).toBe(true);
    const up = await core.api.query({ query: 'vector(7)' });
    expect(up.resultType === 'vector' && up.result[0]?.value[1]).toBe('7');
    // Targets appear once Prometheus's discovery has synced after its start.
    const targets = await waitFor('the targets through the prefix', async () => {
      const t = await core.api.getTargets();
      return t.length ? t : undefined;
    });
    expect(targets.map((t) => t.job)).toEqual(['prometheus']);
  });

  it('skip TLS verification: up without the CA, and the status says certificates are not checked', async () => {
    const status = await core.api.useSource({
      kind: 'existing',
      url: prom.url,
      auth: 'none',
      skipTlsVerify: true,
    });
    expect(status.health).toBe('up');
    expect(status.skipTlsVerify).toBe(true);
  });

  it('a CA file that cannot be read is refused before anything is saved', async () => {
    const err = await rejection(
      core.api.useSource({
        kind: 'existing',
        url: prom.url,
        auth: 'none',
        caFile: join(dataDir, 'missing.pem'),
      }),
    );
    expect(err.code).toBe('source-ca-unreadable');
    expect(err.message).toBe(
      `The CA file ${join(dataDir, 'missing.pem')} cannot be read (ENOENT).`,
    );
    expect(core.settings().source.skipTlsVerify).toBe(true);
  });
});
