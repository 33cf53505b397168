// What a panel says instead of an empty box: the cause and the button that fixes it.
import { ActionButton } from '../components/ActionButton';
import { FixText, RichText } from '../components/FixText';
import type { EmptyReason } from '../lib/empty-panel';

export function PanelExplanation({ reason, height }: { reason: EmptyReason; height: number }) {
  return (
    <div
      className={`panel-empty panel-empty-${reason.tone}`}
      style={{ minHeight: height }}
      data-testid="panel-empty"
      data-kind={reason.kind}
    >
      <div className="panel-empty-title" data-testid="panel-empty-title">
        <RichText text={reason.title} />
      </div>
      {reason.detail && (
        <div className="panel-empty-detail">
          <RichText text={reason.detail} />
        </div>
      )}
      {reason.fix && (
        <div className="panel-empty-fix">
          <FixText fix={reason.fix} />
        </div>
      )}
      {reason.action && <ActionButton action={reason.action} testId="panel-empty-action" />}
    </div>
  );
}
