// The one thing to do next, in words, with the button that does it.
import { ActionButton } from '../../components/ActionButton';
import { nextStep } from '../../lib/next-step';
import { useAlertsStore } from '../../stores/alerts';
import { useConnectionStore } from '../../stores/connection';
import { useServerStatus } from '../../stores/server';
import { useSourceStatus } from '../../stores/source';
import { useStackStore, useStackStatus } from '../../stores/stack';
import { useAppJob, useAppTarget, useTargetsStore } from '../../stores/targets';
import { RichText } from '../../components/FixText';

export function NextStepCallout() {
  const server = useServerStatus();
  const stack = useStackStatus();
  const pending = useStackStore((s) => s.pending);
  const target = useAppTarget();
  const job = useAppJob();
  const targetsError = useTargetsStore((s) => s.error);
  const alerts = useAlertsStore((s) => s.view?.rules ?? null);
  const source = useSourceStatus();
  // With the host gone every card shows stale state; the connection banner says what matters.
  const hostGone = useConnectionStore((s) => s.state === 'lost' || s.state === 'expired');

  const step = nextStep({
    server,
    stack: stack && pending && !stack.busy ? { ...stack, busy: pending } : stack,
    job,
    target,
    targetsError,
    alerts,
    source,
  });
  if (!step || hostGone) return null;
  return (
    <div className={`callout callout-${step.tone}`} data-testid="next-step" data-tone={step.tone}>
      <div className="callout-label">{step.tone === 'ok' ? 'All good' : 'Next step'}</div>
      <div className="callout-body">
        <div className="callout-title" data-testid="next-step-title">
          <RichText text={step.title} />
        </div>
        {step.detail && (
          <div className="callout-detail">
            <RichText text={step.detail} />
          </div>
        )}
      </div>
      {step.action && <ActionButton action={step.action} testId="next-step-action" />}
    </div>
  );
}
