// The buttons behind "Next step" and empty-panel explanations: each names what it does.
import type { EmptyAction } from '../lib/empty-panel';
import type { NextAction } from '../lib/next-step';
import { navigate } from '../hooks/useRoute';
import { useServerStore } from '../stores/server';
import { useSettingsStore } from '../stores/settings';
import { useStackStore, useStackBusy } from '../stores/stack';

type Action = NextAction | EmptyAction;

const LABELS: Record<Action, string> = {
  'start-stack': 'Start stack',
  'use-native-runtime': 'Use the native runtime',
  'open-settings': 'Open Settings',
  'open-preflight': 'Open Preflight',
  'open-targets': 'Open Targets',
  'open-dashboard': 'Open Dashboard',
  'open-alerts': 'Open Alerts',
  'send-traffic': 'Send test traffic',
};

export function ActionButton({ action, testId }: { action: Action; testId?: string }) {
  const stackBusy = useStackBusy() !== null;
  const sending = useServerStore((s) => s.sendingTraffic);
  const saving = useSettingsStore((s) => s.saving);
  const busy =
    (action === 'start-stack' && stackBusy) ||
    (action === 'send-traffic' && sending) ||
    (action === 'use-native-runtime' && saving);

  function run(): void {
    switch (action) {
      case 'start-stack':
        void useStackStore.getState().start();
        return;
      case 'use-native-runtime':
        void useSettingsStore.getState().update({ stack: { runtime: 'native' } });
        return;
      case 'send-traffic':
        void useServerStore.getState().sendTraffic();
        return;
      case 'open-settings':
        return navigate('settings');
      case 'open-preflight':
        return navigate('preflight');
      case 'open-targets':
        return navigate('targets');
      case 'open-dashboard':
        return navigate('dashboard');
      case 'open-alerts':
        return navigate('alerts');
    }
  }

  return (
    <button
      type="button"
      className="btn btn-small"
      onClick={run}
      disabled={busy}
      data-testid={testId ?? `action-${action}`}
    >
      {LABELS[action]}
    </button>
  );
}
