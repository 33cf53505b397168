// The preflight checks of this machine: the ports, the stack's files, the secrets, prom-client.
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { describeHolder, findPortHolder, isPortFree } from './ports';
import { loadPromClient } from './metrics-server/prom-client';
import { STACK_PATHS } from './stack/files';
import { type Check, type CheckSpec, ok, serviceStates, type PreflightDeps } from './preflight-kit';

export const LOCAL_CHECKS: CheckSpec[] = [
  {
    id: 'port-server',
    title: 'Metrics server port',
    run: async (d) => {
      const { host, port } = d.settings.server;
      if (d.server.listening && d.server.port === port) return ok(`serving ${d.server.url}`);
      if (await isPortFree(host, port)) {
        return ok(`port ${port} is free (the server is not started by this command)`);
      }
      return {
        status: d.server.error ? 'fail' : 'warn',
        observed: `port ${port} held by ${describeHolder(await findPortHolder(port))}`,
        fix: d.server.error
          ? `Stop that program or set another port: peak-watch settings set server.port ${port + 1}`
          : 'Fine if that is the Peak Watch app or headless console; otherwise free the port.',
      };
    },
  },
  { id: 'port-prometheus', title: 'Prometheus port', run: (d) => stackPort(d, 'prometheus') },
  { id: 'port-grafana', title: 'Grafana port', run: (d) => stackPort(d, 'grafana') },
  {
    id: 'stack-files',
    title: 'Stack files written',
    run: async (d) => {
      const names =
        d.settings.stack.runtime === 'docker'
          ? [STACK_PATHS.compose, STACK_PATHS.prometheusConfig, STACK_PATHS.env]
          : [STACK_PATHS.prometheusNativeConfig, STACK_PATHS.env];
      const files = names.map((f) => join(d.stack.filesDir, ...f.split('/')));
      const missing: string[] = [];
      for (const f of files) await access(f).catch(() => missing.push(f));
      if (!missing.length) return ok(`in ${d.stack.filesDir}`);
      return {
        status: 'warn',
        observed: `not written yet: ${missing.map((f) => f.slice(d.stack.filesDir.length + 1)).join(', ')}`,
        fix: 'Start the stack (it writes them), or: peak-watch stack files --dir <folder>',
      };
    },
  },
  {
    id: 'secrets',
    title: 'Secrets private to you',
    run: async (d) => {
      if (!d.secrets) return { status: 'skipped', observed: 'no data folder to look at', fix: '' };
      const audit = await d.secrets.audit();
      if (audit.refused.length) {
        return {
          status: 'fail',
          observed: audit.refused.map((r) => r.message).join('; '),
          fix: [...new Set(audit.refused.map((r) => r.fix).filter(Boolean))].join(' '),
        };
      }
      if (audit.fixed.length) {
        // Already narrowed by the time this is read; what is left is finding what widened them.
        return {
          status: 'warn',
          observed: `narrowed: ${audit.fixed.join('; ')}`,
          fix: 'Nothing to change now: secret files are 0600 in a 0700 folder again. Look for what widened them (a restore from backup, cp without -p, chmod -R), and treat a secret another user could read meanwhile as known to them.',
        };
      }
      return ok(
        audit.files
          ? `${audit.files} secret file(s), 0600 in a 0700 folder`
          : 'no secret generated yet',
      );
    },
  },
  {
    id: 'prom-client',
    title: 'prom-client loadable',
    run: async (d) => {
      const loaded = await loadPromClient(d.loadPromClient);
      if (loaded) return ok(`prom-client ${loaded.version ?? '(version unknown)'}`);
      return {
        status: d.settings.server.strict ? 'fail' : 'warn',
        observed: `prom-client could not be loaded; /metrics ${d.settings.server.strict ? 'answers 503 (strict)' : 'serves the fallback peak_trade_metrics_fallback 1'}`,
        fix: 'Reinstall dependencies: npm ci',
      };
    },
  },
];

async function stackPort(d: PreflightDeps, service: 'prometheus' | 'grafana'): Promise<Check> {
  const port =
    service === 'prometheus' ? d.settings.stack.prometheusPort : d.settings.stack.grafanaPort;
  if (await isPortFree('127.0.0.1', port)) return ok(`port ${port} is free`);
  const ours = (await serviceStates(d)).some((s) => s.name === service && s.state === 'running');
  if (ours) return ok(`port ${port} is used by the running stack's ${service}`);
  return {
    status: 'fail',
    observed: `port ${port} held by ${describeHolder(await findPortHolder(port))}`,
    fix: `Stop that program, or choose another port: peak-watch settings set stack.${service}Port ${port + 1}`,
  };
}
