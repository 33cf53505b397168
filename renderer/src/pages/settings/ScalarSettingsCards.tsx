// The Settings form's cards of plain fields: the watch-only server, the stack, and the
// dashboard's defaults. Each field edits the form's draft (settings-draft.ts).
import { isLoopbackHost } from '../../../../shared/settings';
import { NumberSetting, SelectSetting, TextSetting } from './SettingFields';
import { useDraftForm } from './settings-draft';

function SettingsCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="card">
      <header className="card-header">
        <h2 className="card-title">{title}</h2>
      </header>
      <div className="card-body field-grid">{children}</div>
    </section>
  );
}

export function ServerSettingsCard() {
  const host = useDraftForm().draft.fields['server.host'].trim();
  return (
    <SettingsCard title="Watch-only server">
      <TextSetting
        field="server.host"
        label="Bind address"
        hint={
          host && !isLoopbackHost(host) ? (
            <span className="text-warn">
              Off loopback: /metrics and /api/ require a bearer token.
            </span>
          ) : (
            'Loopback keeps the server private to this machine.'
          )
        }
        mono
      />
      <NumberSetting
        field="server.port"
        label="Port"
        hint="The web app port Prometheus scrapes (default 8000)."
      />
    </SettingsCard>
  );
}

export function StackSettingsCard() {
  const native = useDraftForm().draft.fields['stack.runtime'] === 'native';
  return (
    <SettingsCard title="Stack">
      <SelectSetting
        field="stack.runtime"
        label="Runtime"
        options={[
          ['docker', 'Docker (Prometheus + Grafana)'],
          ['native', 'Native Prometheus binary'],
        ]}
      />
      <SelectSetting
        field="stack.profile"
        label="Profile"
        hint="Full adds an OTel Collector, Tempo and Loki (Docker only; never started on our CI machines, docs/TELEMETRY.md)."
        options={[
          ['mini', 'Mini (Prometheus + Grafana)'],
          ['full', 'Full (+ Collector, Tempo, Loki)'],
        ]}
      />
      <SelectSetting
        field="stack.onQuit"
        label="When the app quits"
        options={[
          ['stop', 'Stop the stack it started'],
          ['leave', 'Leave it running'],
          ['ask', 'Ask'],
        ]}
      />
      <NumberSetting
        field="stack.prometheusPort"
        label="Prometheus port"
        hint="Host port (default 9091, not 9090)."
      />
      <NumberSetting field="stack.grafanaPort" label="Grafana port" />
      <NumberSetting
        field="stack.scrapeIntervalSeconds"
        label="Scrape interval (s)"
        hint="Also the fastest dashboard refresh."
      />
      <div />
      <TextSetting
        field="stack.retentionTime"
        label="Keep data for"
        hint="A Prometheus duration: 15d, 12w, 1y. A change restarts Prometheus."
        mono
      />
      <TextSetting
        field="stack.retentionSize"
        label="Keep at most"
        hint="A size such as 10GB; empty for no limit. A change restarts Prometheus."
        mono
      />
      <TextSetting
        field="stack.prometheusImage"
        label="Prometheus image"
        hint="A pinned tag, never :latest."
        mono
      />
      <TextSetting field="stack.grafanaImage" label="Grafana image" mono />
      {native && (
        <TextSetting
          field="stack.prometheusBinary"
          label="Prometheus binary"
          hint="Empty: find it on PATH."
          mono
        />
      )}
      {native && (
        <TextSetting
          field="stack.grafanaBinary"
          label="Grafana binary"
          hint="Empty: find it on PATH."
          mono
        />
      )}
    </SettingsCard>
  );
}

export function DashboardDefaultsCard() {
  return (
    <SettingsCard title="Dashboard defaults">
      <NumberSetting
        field="ui.refreshSeconds"
        label="Refresh every (s)"
        hint="Raised to the scrape interval when faster."
      />
      <NumberSetting field="ui.rangeMinutes" label="Default range (min)" />
    </SettingsCard>
  );
}
