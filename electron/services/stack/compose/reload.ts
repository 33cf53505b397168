// Reloading the Prometheus container without its lifecycle API: `docker kill --signal=HUP`,
// then the same confirmation as the native runtime (prometheus-reload.ts).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConsoleError } from '../../../../shared/api';
import type { DockerCli } from './cli';
import { pickContainer } from './parse';
import { STACK_PATHS } from '../files';
import { reloadAndConfirm } from '../prometheus-reload';
import { managedPrometheus, type RuntimeContext } from '../runtime';

export async function reloadContainerPrometheus(
  cli: DockerCli,
  ctx: RuntimeContext,
  project: string,
  logs: () => Promise<string[]>,
): Promise<void> {
  const container = pickContainer(await cli.containers(project, ctx.signal), 'prometheus');
  if (!container) {
    throw new ConsoleError({
      code: 'prometheus-not-running',
      message: 'Prometheus is not running, so there is nothing to reload.',
      fix: 'Start the stack.',
    });
  }
  const expected = await readFile(join(ctx.filesDir, STACK_PATHS.prometheusConfig), 'utf8');
  const client = managedPrometheus(ctx, 2_000);
  try {
    await reloadAndConfirm({
      client,
      expected,
      logs,
      sendHup: async () => {
        try {
          await cli.docker(['kill', '--signal=HUP', container.name], ctx.signal);
        } catch (err) {
          throw cli.toConsoleError(err, 'prometheus-reload-failed', 'Signalling Prometheus failed');
        }
      },
    });
  } finally {
    await client.close();
  }
}
