// The preflight checks of the running stack: Prometheus ready, the scrape target, Grafana.
import { configuredJob } from '../../shared/dashboard';
import { probeGrafana } from './grafana';
import type { PrometheusClient } from './prometheus';
import {
  type Check,
  type CheckSpec,
  fixOf,
  msg,
  ok,
  serviceStates,
  type PreflightDeps,
} from './preflight-kit';

export const STACK_CHECKS: CheckSpec[] = [
  {
    id: 'prometheus-ready',
    title: 'Prometheus ready',
    run: async (d) => {
      const unused = stackUnused(d);
      if (unused) return unused;
      try {
        await stackPrometheus(d).ready();
        return ok(`ready on 127.0.0.1:${d.settings.stack.prometheusPort}`);
      } catch (err) {
        return { status: 'warn', observed: msg(err), fix: 'Start the stack.' };
      }
    },
  },
  {
    id: 'scrape-target',
    // The managed stack scrapes the app under configuredJob(settings.source) (prometheus.yml is
    // rendered with it), so that is the job whose targets must be up.
    title: (s) => `Scrape target ${configuredJob(s.source)} UP`,
    run: async (d) => {
      const job = configuredJob(d.settings.source);
      const unused = stackUnused(d);
      if (unused) return unused;
      let targets;
      try {
        targets = await stackPrometheus(d).targets();
      } catch (err) {
        return {
          status: 'skipped',
          observed: `Prometheus not reachable: ${msg(err)}`,
          fix: 'Start the stack.',
        };
      }
      const mine = targets.filter((t) => t.job === job);
      if (!mine.length) {
        return {
          status: 'fail',
          observed: `Prometheus has no ${job} target`,
          fix: 'The running Prometheus uses another config: stop and start the stack.',
        };
      }
      const down = mine.find((t) => t.health !== 'up');
      if (!down) return ok(mine.map((t) => `${t.instance} up`).join(', '));
      return {
        status: 'fail',
        observed: `${down.instance} is ${down.health}: ${down.lastError || 'no error reported yet'}`,
        fix: d.server.listening
          ? 'Check that Prometheus can reach the server (host networking on Linux, host.docker.internal elsewhere).'
          : 'Start the Peak Watch app or `npm run headless` so the server is up.',
      };
    },
  },
  {
    id: 'grafana',
    title: 'Grafana healthy',
    run: async (d) => {
      // The native runtime without a grafana binary never runs Grafana: the Grafana binary
      // check warns about that once, with the fix; here it is only why there is nothing to ask
      // (not "start the stack" to someone whose stack is running).
      const grafana = (await serviceStates(d)).find((s) => s.name === 'grafana');
      if (grafana?.state === 'unavailable') {
        return {
          status: 'skipped',
          observed: `${grafana.detail ?? `Grafana does not run with the ${d.settings.stack.runtime} runtime`} (see Grafana binary)`,
          fix: '',
        };
      }
      try {
        const h = await probeGrafana(d.grafanaUrl);
        return ok(`Grafana ${h.version}, database ${h.database}`);
      } catch (err) {
        return {
          status: 'warn',
          observed: msg(err),
          fix: fixOf(err, 'Start the stack (Grafana needs Docker).'),
        };
      }
    },
  },
];

/** The managed stack's Prometheus: the pages' client while it is the source. */
function stackPrometheus(d: PreflightDeps): Pick<PrometheusClient, 'ready' | 'targets'> {
  return d.settings.source.kind === 'existing' && d.managedPrometheus
    ? d.managedPrometheus
    : d.prometheus;
}

/** With an existing source and no receiver to write to, the local stack has nothing to do. */
function stackUnused(d: PreflightDeps): Check | null {
  if (d.settings.source.kind !== 'existing' || d.settings.stack.remoteWrite.length) return null;
  return {
    status: 'skipped',
    observed: `the console reads from ${d.settings.source.url} (see the source checks); the local stack is not needed`,
    fix: '',
  };
}
