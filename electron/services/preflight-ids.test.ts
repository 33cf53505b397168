// The shared list of preflight ids is the core's list of checks, and an id outside it is refused:
// by typecheck where code names one (the @ts-expect-error lines fail `npm run typecheck` if a
// misspelt id were accepted), by runPreflight where a person names one.
import { describe, expect, it } from 'vitest';
import {
  PREFLIGHT_CHECK_IDS,
  isPreflightCheckId,
  type PreflightCheckId,
} from '../../shared/preflight-ids';
import { PREFLIGHT_IDS, affectedChecks, runPreflight, type PreflightDeps } from './preflight';
import type { StackServiceDeps } from './stack/stack';
import { defaultSettings } from '../../shared/settings';

describe('preflight check ids', () => {
  it('are the core checks, in the report order', () => {
    expect(PREFLIGHT_IDS).toEqual(PREFLIGHT_CHECK_IDS);
  });

  it('type every place that names a check', () => {
    const rerun: NonNullable<StackServiceDeps['rerunChecks']> = (ids) => ids;
    // @ts-expect-error a misspelt id is not a PreflightCheckId
    rerun(['prometheus-redy']);
    // @ts-expect-error a misspelt id is not a PreflightCheckId
    const misspelt: PreflightCheckId = 'scrape-targets';
    expect(isPreflightCheckId(misspelt)).toBe(false);
    expect(isPreflightCheckId('scrape-target')).toBe(true);
    const changed: PreflightCheckId[] = affectedChecks(defaultSettings(), {
      ...defaultSettings(),
      server: { ...defaultSettings().server, strict: true },
    });
    expect(changed).toEqual(['prom-client']);
  });

  it('refuses an unknown id from outside, naming the known ones', async () => {
    await expect(
      runPreflight({ settings: defaultSettings() } as PreflightDeps, 'prometheus-redy'),
    ).rejects.toThrow(/No preflight check named prometheus-redy; known: docker-cli, compose/);
  });
});
