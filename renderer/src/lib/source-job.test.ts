import { describe, expect, it } from 'vitest';
import { jobOffer } from './source-job';

const status = (detected: string[], effective: string) => ({
  job: { configured: '', detected, effective, note: '' },
});

describe('Settings → Source offers to save the detected job', () => {
  it('offers peak_trade_uvicorn when source.job is empty and the stack files would say peak_trade_web', () => {
    const offer = jobOffer({ job: '' }, status(['peak_trade_uvicorn'], 'peak_trade_uvicorn'));
    expect(offer?.job).toBe('peak_trade_uvicorn');
    expect(offer?.text).toBe(
      "The source carries the app's metrics in peak_trade_uvicorn, but the generated Grafana dashboard and alert rules use peak_trade_web. Save peak_trade_uvicorn as the app job so they follow.",
    );
  });

  it('offers a detected job when the saved one is not among the detected', () => {
    expect(jobOffer({ job: 'web' }, status(['peak_trade_uvicorn'], 'web'))?.job).toBe(
      'peak_trade_uvicorn',
    );
  });

  it('offers nothing when the configured job is detected, or nothing is detected', () => {
    expect(jobOffer({ job: '' }, status(['peak_trade_web'], 'peak_trade_web'))).toBeNull();
    expect(jobOffer({ job: '' }, status([], 'peak_trade_web'))).toBeNull();
    expect(jobOffer({ job: '' }, null)).toBeNull();
  });
});
