import { useConnectionStore } from '../stores/connection';

export function ConnectionBanner() {
  const state = useConnectionStore((s) => s.state);
  if (state === 'expired') {
    return (
      <div
        className="banner banner-error"
        role="alert"
        data-testid="connection-banner"
        data-state="expired"
      >
        Peak Watch does not accept this page: it was opened without the URL Peak Watch printed, or
        Peak Watch restarted with a new token. Open the console again with the URL (including
        ?token=…) it printed at start.
      </div>
    );
  }
  if (state !== 'lost') return null;
  return (
    <div
      className="banner banner-error"
      role="alert"
      data-testid="connection-banner"
      data-state="lost"
    >
      <span className="spinner" aria-hidden="true" />
      Connection to Peak Watch lost — retrying. Is the Peak Watch process still running?
    </div>
  );
}
