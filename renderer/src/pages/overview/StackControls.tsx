// Start / Stop of the stack, and why Start is unavailable when the core says so (with the switch
// to the native runtime when that would work).
import type { StackStartGate, StackStatus } from '../../../../shared/api';
import { ActionButton } from '../../components/ActionButton';
import { FixText, RichText } from '../../components/FixText';
import { Icon } from '../../components/Icon';
import { useStackBusy, useStackStore } from '../../stores/stack';

const UP_STATES: readonly string[] = ['running', 'starting', 'restarting'];

export function StackControls({ status }: { status: StackStatus }) {
  const busy = useStackBusy();
  const { start, stop } = useStackStore.getState();
  const anyUp = status.services.some((s) => UP_STATES.includes(s.state));
  // The core decides (every Start control shows the same answer); a click in this window that
  // the core has not reported yet also counts as busy.
  const gate = status.canStart;
  const startDisabledReason =
    busy && !status.busy ? `The stack is ${busy}` : gate.ok ? null : gate.reason;
  const block = !gate.ok && !busy && gate.reason !== 'Already running' ? gate : null;
  return (
    <>
      <div className="row wrap">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void start()}
          disabled={startDisabledReason !== null}
          title={startDisabledReason ?? 'Write the stack files and start Prometheus and Grafana'}
          data-testid="stack-start"
        >
          {busy === 'starting' ? (
            <span className="spinner" aria-hidden="true" />
          ) : (
            <Icon name="play" />
          )}
          {busy === 'starting' ? 'Starting…' : 'Start stack'}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => void stop()}
          disabled={busy !== null || !anyUp}
          title={
            busy
              ? `The stack is ${busy}`
              : anyUp
                ? 'Stop the stack, keeping its data'
                : 'Nothing is running'
          }
          data-testid="stack-stop"
        >
          {busy === 'stopping' ? (
            <span className="spinner" aria-hidden="true" />
          ) : (
            <Icon name="stop" />
          )}
          {busy === 'stopping' ? 'Stopping…' : 'Stop stack'}
        </button>
      </div>
      {block && <StartBlocked gate={block} />}
    </>
  );
}

function StartBlocked({ gate }: { gate: StackStartGate }) {
  return (
    <div className="notice notice-warn" data-testid="stack-blocked">
      <div className="notice-body">
        <div className="notice-title">
          Start is unavailable — <RichText text={gate.reason ?? ''} />
        </div>
        {gate.fix && (
          <div className="notice-fix">
            <FixText fix={gate.fix} />
          </div>
        )}
      </div>
      {gate.nativeAvailable && (
        <ActionButton action="use-native-runtime" testId="stack-use-native" />
      )}
    </div>
  );
}
