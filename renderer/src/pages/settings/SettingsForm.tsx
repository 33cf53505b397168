// Settings → everything saved as one patch: ports, images, runtime, extra targets, quit behaviour,
// dashboard defaults and alerts. The cards edit one draft (settings-draft.ts), checked with the
// shared schema, and the form sends only what differs from the current settings.
import type { Settings } from '../../../../shared/settings';
import { AlertsSettingsCard } from './AlertsSettingsCard';
import { ExtraTargetsCard } from './ExtraTargetsCard';
import { FormActions } from './FormActions';
import { InstancesCard } from './InstancesCard';
import { ReceiversCard } from './ReceiversCard';
import {
  DashboardDefaultsCard,
  ServerSettingsCard,
  StackSettingsCard,
} from './ScalarSettingsCards';
import { SettingsDraftContext, useSettingsDraft } from './settings-draft';
import { SourceCard } from './SourceCard';
import { TelemetryCard } from './TelemetryCard';

export function SettingsForm({ settings }: { settings: Settings }) {
  const form = useSettingsDraft(settings);
  return (
    <>
      {/* Its own Test/Save, outside the form: a source switches with its credential, not in
          the settings patch below. */}
      <SourceCard settings={settings} />
      <SettingsDraftContext.Provider value={form}>
        <form
          className="settings-form"
          onSubmit={(e) => {
            e.preventDefault();
            void form.save();
          }}
          data-testid="settings-form"
        >
          <ServerSettingsCard />
          <StackSettingsCard />
          <ExtraTargetsCard settings={settings} />
          <InstancesCard />
          <ReceiversCard />
          <TelemetryCard />
          <DashboardDefaultsCard />
          <AlertsSettingsCard settings={settings} />
          <FormActions />
        </form>
      </SettingsDraftContext.Provider>
    </>
  );
}
