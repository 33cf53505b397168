// What the Overview's Test traffic card says the burst does: the embedded server always gets it;
// who sees it depends on the source.

const BURST =
  'Sends a burst of read-only requests to the embedded server (health, API routes, an unknown path, refused writes), so rates, latencies and the error share have something to show.';

/** `source`: the existing source the console reads from; null with the managed stack. */
export function trafficCardText(source: { url: string } | null): string {
  if (!source) {
    return `${BURST} While Prometheus runs, the burst waits one scrape after its first round, so it shows as a rate.`;
  }
  // An existing source scrapes what its own config names; the embedded server may not be in it.
  return `${BURST} ${source.url} sees them only if it scrapes that server (the Targets page lists what it scrapes).`;
}
