import { useConnectionLost } from '../stores/connection';

export function ConnectionBanner() {
  const lost = useConnectionLost();
  if (!lost) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="connection-banner">
      <span className="spinner" aria-hidden="true" />
      Connection to Peak Watch lost — retrying. Is the Peak Watch process still running?
    </div>
  );
}
