// The preflight checks of the runtimes' tools: Docker, Compose, the native binaries.
import { GRAFANA_MISSING_FIX } from './stack/native/status';
import { type CheckSpec, fixOf, msg, needed, ok } from './preflight-kit';

export const RUNTIME_CHECKS: CheckSpec[] = [
  {
    id: 'docker-cli',
    title: 'Docker CLI',
    run: async (d) => {
      // The driver's own lookup (with its PATH additions for an app started from the Finder):
      // preflight never finds a docker the Start button would not.
      try {
        return ok(await d.drivers.docker.cliVersion());
      } catch (err) {
        return {
          status: needed(d, 'docker'),
          observed: msg(err),
          fix: fixOf(
            err,
            'Install Docker (Docker Desktop, or docker.io on Debian), or choose the native runtime in Settings.',
          ),
        };
      }
    },
  },
  {
    id: 'compose',
    title: 'Docker Compose (v2 or v1)',
    run: async (d) => {
      try {
        return ok(await d.drivers.docker.detect());
      } catch (err) {
        return {
          status: needed(d, 'docker'),
          observed: msg(err),
          fix: fixOf(err, 'Install Docker Compose.'),
        };
      }
    },
  },
  {
    id: 'docker-engine',
    title: 'Docker engine reachable',
    run: async (d) => {
      try {
        return ok(`engine ${await d.drivers.docker.engineVersion()}`);
      } catch (err) {
        return {
          status: needed(d, 'docker'),
          observed: msg(err),
          fix: fixOf(err, 'Start Docker.'),
        };
      }
    },
  },
  {
    id: 'prometheus-binary',
    title: 'Prometheus binary (native runtime)',
    run: async (d) => {
      const native = d.drivers.native;
      try {
        return ok(await (native.binary ? native.binary('prometheus') : native.detect()));
      } catch (err) {
        return {
          status: d.settings.stack.runtime === 'native' ? 'fail' : 'skipped',
          observed: msg(err),
          fix: fixOf(err, 'Install prometheus, or use the Docker runtime.'),
        };
      }
    },
  },
  {
    id: 'grafana-binary',
    title: 'Grafana binary (native runtime)',
    run: async (d) => {
      const native = d.drivers.native;
      if (!native.binary) {
        return { status: 'skipped', observed: 'this runtime names no binary', fix: '' };
      }
      try {
        return ok(await native.binary('grafana'));
      } catch (err) {
        // Without one the native runtime still runs Prometheus: a warning, not a failure.
        return {
          status: d.settings.stack.runtime === 'native' ? 'warn' : 'skipped',
          observed: msg(err),
          fix: fixOf(err, GRAFANA_MISSING_FIX),
        };
      }
    },
  },
];
