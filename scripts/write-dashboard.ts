// Writes the generated files committed under resources/: the Grafana dashboard (for a manual
// import into any Grafana), the alert rules file with default settings and its promtool unit
// tests (`promtool test rules resources/alerts/tests.yml`). `--check` only compares, and exits 1
// when a committed file is stale.
//
//   npx tsx scripts/write-dashboard.ts [--check]
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderRuleTests } from '../electron/services/alerts/rule-tests';
import { renderDefaultAlertRulesFile } from '../shared/alert-rules-file';
import { serializeGrafanaDashboard } from '../shared/grafana-dashboard';

const resource = (path: string): string =>
  fileURLToPath(new URL(`../resources/${path}`, import.meta.url));

const GENERATED: [string, () => string][] = [
  [resource('grafana-dashboard.json'), serializeGrafanaDashboard],
  [resource('alerts/alerts.rules.yml'), renderDefaultAlertRulesFile],
  [resource('alerts/tests.yml'), () => renderRuleTests()],
];

async function main(): Promise<number> {
  let status = 0;
  for (const [target, render] of GENERATED) {
    const generated = render();
    const committed = await readFile(target, 'utf8').catch(() => null);
    if (process.argv.includes('--check')) {
      if (committed !== generated) {
        console.error(`${target} is stale: run npm run dashboard:write`);
        status = 1;
      }
    } else if (committed === generated) {
      console.log(`${target} is up to date`);
    } else {
      await writeFile(target, generated);
      console.log(`wrote ${target}`);
    }
  }
  return status;
}

process.exitCode = await main();
