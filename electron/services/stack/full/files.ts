// The full profile's files in the stack folder: rendered beside the mini stack's when
// settings.stack.profile is full (Docker runtime), and retired when it goes back to mini.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Settings } from '../../../../shared/settings';
import { writeFileAtomic } from '../../fs-atomic';
import { fullStackNetwork } from './compose';
import { renderCollectorConfig, renderLokiConfig, renderTempoConfig } from './configs';
import { renderRetiredTelemetryDatasources, renderTelemetryDatasources } from './grafana';
import { FULL_STACK_PATHS, isFullProfile, type FullStackInput } from './profile';

/** Readable by the containers' users (uid 10001); none of them holds a secret. */
const PUBLIC = 0o644;

export function renderFullProfileFiles(
  input: FullStackInput,
): { path: string; content: string; mode: number }[] {
  if (!isFullProfile(input.settings)) return [];
  const net = fullStackNetwork(input.platform);
  return [
    { path: FULL_STACK_PATHS.collector, content: renderCollectorConfig(net), mode: PUBLIC },
    { path: FULL_STACK_PATHS.tempo, content: renderTempoConfig(net), mode: PUBLIC },
    { path: FULL_STACK_PATHS.loki, content: renderLokiConfig(net), mode: PUBLIC },
    {
      path: FULL_STACK_PATHS.grafanaDatasources,
      content: renderTelemetryDatasources(net),
      mode: PUBLIC,
    },
  ];
}

/**
 * Back on mini: the full/ folder goes, and a Tempo/Loki datasource file left by the full profile
 * becomes one that deletes those datasources from Grafana's database. A folder that never ran
 * the full profile is left exactly as it is. Returns the paths changed.
 */
export async function retireFullProfileFiles(dir: string, settings: Settings): Promise<string[]> {
  if (isFullProfile(settings)) return [];
  const changed: string[] = [];
  const datasources = join(dir, ...FULL_STACK_PATHS.grafanaDatasources.split('/'));
  const current = await readFile(datasources, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  const retired = renderRetiredTelemetryDatasources();
  if (current !== null && current !== retired) {
    await writeFileAtomic(datasources, retired, PUBLIC);
    changed.push(FULL_STACK_PATHS.grafanaDatasources);
  }
  for (const path of [FULL_STACK_PATHS.collector, FULL_STACK_PATHS.tempo, FULL_STACK_PATHS.loki]) {
    const file = join(dir, ...path.split('/'));
    const existed = await readFile(file).then(
      () => true,
      () => false,
    );
    if (existed) changed.push(path);
  }
  await rm(join(dir, 'full'), { recursive: true, force: true });
  return changed;
}
