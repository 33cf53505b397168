// Read-only sample data behind /api/runs, so the dashboard has a list route and a
// parameterised route to show. Nothing here ever changes at runtime: the server is watch-only.

export interface DemoRun {
  id: string;
  strategy: string;
  market: string;
  status: 'running' | 'finished' | 'stopped';
  started_at: string;
  finished_at: string | null;
  trades: number;
}

export const DEMO_RUNS: readonly DemoRun[] = Object.freeze([
  {
    id: 'run-001',
    strategy: 'mean-reversion',
    market: 'BTC-EUR',
    status: 'finished',
    started_at: '2026-01-17T08:00:00Z',
    finished_at: '2026-01-17T16:00:00Z',
    trades: 42,
  },
  {
    id: 'run-002',
    strategy: 'breakout',
    market: 'ETH-EUR',
    status: 'stopped',
    started_at: '2026-01-17T09:30:00Z',
    finished_at: '2026-01-17T11:05:00Z',
    trades: 7,
  },
  {
    id: 'run-003',
    strategy: 'trend-following',
    market: 'SOL-EUR',
    status: 'running',
    started_at: '2026-01-17T12:00:00Z',
    finished_at: null,
    trades: 15,
  },
]);
