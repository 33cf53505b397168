import { describe, expect, it } from 'vitest';
import { trafficCardText } from './traffic';

describe('the Test traffic card', () => {
  it('with the managed stack, says Prometheus waits one scrape', () => {
    expect(trafficCardText(null)).toMatch(/While Prometheus runs, the burst waits one scrape/);
  });

  it('with an existing source, says the source sees the burst only if it scrapes the server', () => {
    const text = trafficCardText({ url: 'http://127.0.0.1:9090' });
    expect(text).not.toMatch(/While Prometheus runs/);
    expect(text).toMatch(/embedded server/);
    expect(text).toMatch(/http:\/\/127\.0\.0\.1:9090 sees them only if it scrapes that server/);
  });
});
