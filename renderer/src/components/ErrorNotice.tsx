// A ConsoleError as the user reads it: what happened, and what to do about it.
import type { ConsoleErrorInfo } from '../../../shared/api';
import { FixText, RichText } from './FixText';

interface Props {
  error: ConsoleErrorInfo;
  title?: string;
  onRetry?: () => void;
  testId?: string;
  compact?: boolean;
}

export function ErrorNotice({ error, title, onRetry, testId = 'error-notice', compact }: Props) {
  return (
    <div
      className={`notice notice-error${compact ? ' notice-compact' : ''}`}
      role="alert"
      data-testid={testId}
    >
      <div className="notice-body">
        {title && <div className="notice-title">{title}</div>}
        <div className="notice-message" data-testid={`${testId}-message`}>
          <RichText text={error.message} />
        </div>
        {error.fix && (
          <div className="notice-fix" data-testid={`${testId}-fix`}>
            <FixText fix={error.fix} />
          </div>
        )}
      </div>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
