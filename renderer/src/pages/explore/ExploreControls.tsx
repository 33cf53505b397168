// The row under Explore's query: Graph/Table tabs, the range (with zoom-out) and the resolution.
// Apart from ExplorePage so the page only lays out its parts; the range and resolution are the
// explore store's, the tab is the page's.
import { RangeSelect } from '../../components/RangeSelect';
import { dashboardTiming, formatInterval, rangeChoices } from '../../lib/time-range';
import { useExploreStore } from '../../stores/explore';
import { useSettingsStore } from '../../stores/settings';

export type ExploreTab = 'graph' | 'table';

const RESOLUTIONS = [1, 5, 15, 30, 60, 300, 900, 3600];

interface Props {
  tab: ExploreTab;
  onTab: (tab: ExploreTab) => void;
}

export function ExploreControls({ tab, onTab }: Props) {
  const chosenRange = useExploreStore((s) => s.rangeMinutes);
  const step = useExploreStore((s) => s.stepSeconds);
  const zoom = useExploreStore((s) => s.zoom);
  const configured = useSettingsStore((s) => dashboardTiming(s.view?.settings).rangeMinutes);
  const { setRange, setStep, setZoom } = useExploreStore.getState();
  const rangeMinutes = chosenRange ?? configured;
  return (
    <div className="controls explore-controls">
      <div className="tabs" role="tablist">
        {(['graph', 'table'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            className={`tab${tab === t ? ' tab-active' : ''}`}
            onClick={() => onTab(t)}
            data-testid={`explore-tab-${t}`}
          >
            {t === 'graph' ? 'Graph' : 'Table'}
          </button>
        ))}
      </div>
      <RangeSelect
        minutes={rangeMinutes}
        choices={rangeChoices(rangeMinutes)}
        zoom={zoom}
        onRange={setRange}
        onZoomOut={() => setZoom(null)}
        testId="explore-range"
      />
      <label className="control">
        <span className="control-label">Resolution</span>
        <select
          className="select"
          value={step ?? ''}
          onChange={(e) => setStep(e.target.value ? Number(e.target.value) : null)}
          data-testid="explore-resolution"
        >
          <option value="">auto</option>
          {RESOLUTIONS.map((s) => (
            <option key={s} value={s}>
              {formatInterval(s)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
