// Which driver would run the stack and whether Start can work: a `--version` run and, for Docker,
// an engine call. Reused briefly; keyed by the settings that decide it, so a runtime or binary
// change — made here or noticed on disk — asks again at once.
import { ConsoleError, type StackStartGate } from '../../../shared/api';
import type { Settings } from '../../../shared/settings';
import type { StackRuntimeDriver } from './runtime';

export interface Detected {
  key: string;
  at: number;
  driver: string | null;
  gate: Omit<StackStartGate, 'ok'> & { ok: boolean };
}

/** Detection is reused this long unless the settings that decide it change. */
const DETECT_TTL_MS = 10_000;

export class StartGateCache {
  private last: Detected | null = null;

  /** Start is about to run: what it finds counts, not what was found before. */
  forget(): void {
    this.last = null;
  }

  async get(
    settings: Settings,
    drivers: Record<'docker' | 'native', StackRuntimeDriver>,
  ): Promise<Detected> {
    const key = stackKey(settings);
    if (this.last?.key === key && Date.now() - this.last.at < DETECT_TTL_MS) return this.last;
    const driver = drivers[settings.stack.runtime];
    let name: string | null = null;
    let gate: Detected['gate'] = { ok: true, reason: null, fix: null, nativeAvailable: false };
    try {
      name = await driver.detect();
      await driver.usable?.();
    } catch (err) {
      const e = err instanceof ConsoleError ? err : null;
      const nativeAvailable =
        driver.kind === 'docker' &&
        (await drivers.native.detect().then(
          () => true,
          () => false,
        ));
      gate = { ok: false, reason: (err as Error).message, fix: e?.fix ?? null, nativeAvailable };
    }
    this.last = { key, at: Date.now(), driver: name, gate };
    return this.last;
  }
}

/** The settings that decide which driver runs and whether it can. */
function stackKey(s: Settings): string {
  const { runtime, prometheusBinary, grafanaBinary } = s.stack;
  return JSON.stringify([runtime, prometheusBinary, grafanaBinary]);
}
