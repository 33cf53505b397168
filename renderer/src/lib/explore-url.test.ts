import { describe, expect, it } from 'vitest';
import { exploreHash, parseExploreHash } from './explore-url';

describe("Explore's URL", () => {
  it('keeps a query with brackets, quotes and braces across a reload', () => {
    const query = 'sum by (route) (rate(x{route=~"/api/.*"}[5m])) > 0.5 & y';
    const hash = exploreHash(query, 15);
    expect(parseExploreHash(hash)).toEqual({ query, rangeMinutes: 15 });
  });
  it('opens empty without a query, and ignores a range that is not one', () => {
    expect(exploreHash('')).toBe('#/explore');
    expect(parseExploreHash('#/explore')).toEqual({ query: '', rangeMinutes: null });
    expect(parseExploreHash('#/explore?q=up&range=-3').rangeMinutes).toBeNull();
  });
});
