import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/settings';
import { checkDraft, draftFromSettings } from './settings-form';

const settings = defaultSettings();

describe('the Telemetry card in the settings form', () => {
  it('reads the switches as "true"/"false" and sends them back as booleans', () => {
    const draft = draftFromSettings(settings);
    expect(draft.fields['telemetry.enabled']).toBe('false');
    expect(draft.fields['telemetry.instrument']).toBe('true');
    draft.fields['telemetry.enabled'] = 'true';
    draft.fields['telemetry.port'] = '4319';
    expect(checkDraft(draft, settings)).toEqual({
      patch: { telemetry: { enabled: true, port: 4319 } },
      errors: {},
    });
  });

  it('puts the schema message under the memory ceiling and the host', () => {
    const draft = draftFromSettings(settings);
    draft.fields['telemetry.memoryMb'] = '4';
    draft.fields['telemetry.host'] = '';
    draft.fields['telemetry.port'] = 'x';
    const { errors } = checkDraft(draft, settings);
    expect(errors['telemetry.memoryMb']).toBe('at least 8 MB');
    expect(errors['telemetry.host']).toBe('a host is required');
    expect(errors['telemetry.port']).toBe('a whole number is required');
  });
});
