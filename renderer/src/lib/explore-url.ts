// Explore's state in the page's URL (#/explore?q=…&range=…), so a reload, a bookmark or a
// dashboard panel's "Explore" link opens the same query.

export interface ExploreLocation {
  query: string;
  rangeMinutes: number | null;
}

/** The hash for Explore with `query` (and a range, when one was chosen). */
export function exploreHash(query: string, rangeMinutes?: number | null): string {
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  if (rangeMinutes) params.set('range', String(rangeMinutes));
  const text = params.toString();
  return text ? `#/explore?${text}` : '#/explore';
}

/** Reads a hash written by exploreHash; anything else gives an empty query. */
export function parseExploreHash(hash: string): ExploreLocation {
  const at = hash.indexOf('?');
  const params = new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
  const range = Number(params.get('range'));
  return {
    query: params.get('q') ?? '',
    rangeMinutes: Number.isInteger(range) && range > 0 ? range : null,
  };
}
