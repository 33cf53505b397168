// The full-stack check's pure parts: which ports it looks at per platform, that the mini profile
// asks nothing of Docker, and that changing the profile re-runs it. The check against the real
// engine is in stack/full/full-profile.int.test.ts.
import { describe, expect, it } from 'vitest';
import { applySettingsPatch, defaultSettings } from '../../shared/settings';
import { affectedChecks } from './preflight';
import { fullStackCheck, fullStackPorts } from './preflight-full-stack';

describe('preflight full-stack', () => {
  it('looks at every port on Linux (host networking), only the published ones elsewhere', () => {
    expect(fullStackPorts('linux')).toEqual([
      14317, 14318, 18889, 3200, 13200, 13217, 13246, 3100, 13100, 13146,
    ]);
    expect(fullStackPorts('darwin')).toEqual([14317, 14318]);
    expect(fullStackPorts('win32')).toEqual([14317, 14318]);
  });

  it('is skipped for the mini profile without asking Docker anything', async () => {
    const asked: string[] = [];
    const check = await fullStackCheck({
      settings: defaultSettings(),
      docker: {
        engineVersion: () => {
          asked.push('engineVersion');
          return Promise.resolve('28.2.2');
        },
      },
    });
    expect(check).toMatchObject({ status: 'skipped', fix: '' });
    expect(check.observed).toContain('peak-watch settings set stack.profile full');
    expect(asked).toEqual([]);
  });

  it('re-runs when the profile or the runtime changes', () => {
    const mini = defaultSettings();
    const full = applySettingsPatch(mini, { stack: { profile: 'full' } });
    expect(affectedChecks(mini, full)).toContain('full-stack');
    const other = applySettingsPatch(mini, { stack: { grafanaPort: 3001 } });
    expect(affectedChecks(mini, other)).not.toContain('full-stack');
  });
});
