// Writes the generated Grafana dashboard to resources/grafana-dashboard.json (for a manual import
// into any Grafana). `--check` only compares, and exits 1 when the committed file is stale.
//
//   npx tsx scripts/write-dashboard.ts [--check]
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { serializeGrafanaDashboard } from '../shared/grafana-dashboard';

const target = fileURLToPath(new URL('../resources/grafana-dashboard.json', import.meta.url));

async function main(): Promise<number> {
  const generated = serializeGrafanaDashboard();
  const committed = await readFile(target, 'utf8').catch(() => null);
  if (process.argv.includes('--check')) {
    if (committed === generated) return 0;
    console.error(`${target} is stale: run npx tsx scripts/write-dashboard.ts`);
    return 1;
  }
  if (committed === generated) {
    console.log(`${target} is up to date`);
  } else {
    await writeFile(target, generated);
    console.log(`wrote ${target}`);
  }
  return 0;
}

process.exitCode = await main();
