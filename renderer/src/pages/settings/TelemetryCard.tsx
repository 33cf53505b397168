// Settings → Telemetry: the core's OTLP/HTTP receiver (docs/TELEMETRY.md). The switches are
// selects of "true"/"false" so they ride the same draft, schema check and patch as every field.
import { isLoopbackHost } from '../../../../shared/settings';
import { Card } from '../../components/Card';
import { NumberSetting, SelectSetting, TextSetting } from './SettingFields';
import { useDraftForm } from './settings-draft';

const ON_OFF: readonly [string, string][] = [
  ['false', 'Off'],
  ['true', 'On'],
];

export function TelemetryCard() {
  const host = useDraftForm().draft.fields['telemetry.host'].trim();
  return (
    <Card title="Telemetry (OTLP receiver)" testId="settings-telemetry-card">
      <div className="field-grid">
        <SelectSetting
          field="telemetry.enabled"
          label="Receiver"
          hint="Listen for OTLP/HTTP exports on /v1/traces and /v1/logs (the Traces and Logs pages)."
          options={ON_OFF}
        />
        <SelectSetting
          field="telemetry.instrument"
          label="Trace the embedded server"
          hint="Each request of the watch-only server becomes a span; refusals become log records."
          options={ON_OFF}
        />
        <TextSetting
          field="telemetry.host"
          label="Bind address"
          hint={
            host && !isLoopbackHost(host) ? (
              <span className="text-warn">Off loopback: every export needs the bearer token.</span>
            ) : (
              'Loopback: only programs on this machine can export to it.'
            )
          }
          mono
        />
        <NumberSetting field="telemetry.port" label="Port" hint="OTLP/HTTP's usual port is 4318." />
        <NumberSetting
          field="telemetry.memoryMb"
          label="Memory ceiling (MB)"
          hint="Spans and log records together; the oldest are dropped first."
        />
      </div>
    </Card>
  );
}
