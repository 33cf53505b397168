// Under a timeseries panel: which alerts fired in its range (the shaded bands), how often, and
// whether one is firing now — the band alone says "something", this says what.
import { memo, useMemo } from 'react';
import { alertLegend, type AlertBand } from '../lib/alert-bands';

export const AlertLegend = memo(function AlertLegend({ bands }: { bands: readonly AlertBand[] }) {
  const entries = useMemo(() => alertLegend(bands), [bands]);
  if (entries.length === 0) return null;
  return (
    <ul className="alert-legend small" aria-label="Alerts in this range" data-testid="alert-legend">
      {entries.map((e) => (
        <li
          key={e.alertname}
          data-testid="alert-legend-item"
          title={e.series.length > 1 ? e.series.join('\n') : undefined}
        >
          <span className="alert-legend-swatch" aria-hidden="true" />
          <a href="#/alerts" className="mono">
            {e.name}
          </a>{' '}
          <span className="muted">
            fired {e.times}×{e.series.length > 1 ? ` on ${e.series.length} series` : ''}
            {e.ongoing ? ', firing now' : ''}
          </span>
        </li>
      ))}
    </ul>
  );
});
