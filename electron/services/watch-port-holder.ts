// The Overview's one click when the embedded server's port is held by what looks like the
// Peak_Trade web app: watch that holder as an instance of the app's job and move the embedded
// server to a free port — one settings update, so both land or neither does (the update saves
// nothing when the new port cannot be bound).
import { ConsoleError, type ServerStatus, type SettingsUpdateResult } from '../../shared/api';
import type { Settings, SettingsPatch } from '../../shared/settings';
import { probeHost, servesAppMetrics } from './metrics-server/port-holder';
import { freePortNear, isPortFree } from './ports';

export interface WatchPortHolderDeps {
  server: () => { status(): ServerStatus };
  settings: () => Settings;
  update: (patch: SettingsPatch) => Promise<SettingsUpdateResult>;
}

/** Another program may take the chosen port between the check and the bind: try a next one. */
const BIND_ATTEMPTS = 3;

const ONLY_THE_APP =
  'Only a program whose /metrics carries peak_trade_ metrics is offered as an instance; ' +
  'choose another port in Settings → Server port, or add an instance with peak-watch instances add HOST:PORT.';

export async function watchPortHolder(deps: WatchPortHolderDeps): Promise<SettingsUpdateResult> {
  const status = deps.server().status();
  if (status.listening) {
    throw new ConsoleError({
      code: 'no-port-holder',
      message: `Peak Watch's server is listening at ${status.url}: nothing holds its port`,
      fix: 'Nothing to do; other instances of the app are added with peak-watch instances add HOST:PORT.',
    });
  }
  const holder = status.portHolder;
  if (!holder?.looksLikeApp) {
    throw new ConsoleError({
      code: 'no-port-holder',
      message: `Port ${status.port} is not held by the Peak_Trade web app`,
      fix: ONLY_THE_APP,
    });
  }
  // The status was probed when the server tried to listen; the holder may have gone since.
  const at = probeHost(status.host);
  if (at === null || !(await servesAppMetrics(at, status.port))) {
    throw new ConsoleError({
      code: 'no-port-holder',
      message: `Port ${status.port} is no longer held by the Peak_Trade web app`,
      fix: 'Save Settings → Server port to try the port again.',
    });
  }

  const settings = deps.settings();
  const listed = settings.stack.instances.some((i) => i.target === holder.target);
  const instances = listed
    ? settings.stack.instances
    : [...settings.stack.instances, { target: holder.target, tokenFile: '' }];
  const note = listed
    ? `${holder.target} is already watched as an instance`
    : `watching ${holder.target} as an instance of the app`;
  const host = settings.server.host;
  const reserved = [status.port, settings.stack.prometheusPort, settings.stack.grafanaPort];
  const offered = holder.suggestedPort;
  let port =
    offered !== null && !reserved.includes(offered) && (await isPortFree(host, offered))
      ? offered
      : await freePortNear(host, status.port, reserved);

  for (let attempt = 1; ; attempt++) {
    try {
      const result = await deps.update({ stack: { instances }, server: { port } });
      return { ...result, applied: [note, ...result.applied] };
    } catch (err) {
      const taken = err instanceof ConsoleError && err.code === 'port-in-use';
      if (!taken || attempt >= BIND_ATTEMPTS) throw err;
      reserved.push(port);
      port = await freePortNear(host, port, reserved);
    }
  }
}
