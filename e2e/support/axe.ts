// The accessibility check every spec that visits a page runs on it: axe-core (npm) with its
// default rules, which cover WCAG 2.1 A and AA plus axe's best practices (heading order, landmarks).
// AxeBuilder evaluates axe through the DevTools protocol, so the console's CSP (script-src 'self')
// does not block it — in the web console and in the desktop stand-in's app:// window alike.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';
import { ConsoleShell, type PageName } from '../pages/shell';

export const PAGES: PageName[] = [
  'overview',
  'targets',
  'dashboard',
  'explore',
  'alerts',
  'preflight',
  'settings',
];

/**
 * axe's default rules on the page as it is now. Legacy mode runs axe.run in the page itself: the
 * default mode finishes in a second page of the same context, which the specs' single pages
 * (browser.newPage) and the stand-in's app window cannot open. The console has no iframe, which
 * is all legacy mode gives up.
 */
async function analyze(page: Page): Promise<AxeResults['violations']> {
  return (await new AxeBuilder({ page }).setLegacyMode().analyze()).violations;
}

/** One line per failing element: the rule, its impact, what it asks for, and where. */
export function describeViolations(violations: AxeResults['violations']): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((n) => {
      const where = n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' ');
      const why = (n.failureSummary ?? '').replace(/\s+/g, ' ').trim();
      return `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${where}: ${why}`;
    }),
  );
}

/**
 * Fails the test when axe finds any violation on the page as it is now, naming each rule and
 * element. `where` says which page and state were checked, so a failure reads on its own.
 */
export async function expectNoA11yViolations(page: Page, where: string): Promise<void> {
  const found = describeViolations(await analyze(page));
  expect(found.length, `axe-core violations on ${where}:\n${found.join('\n')}`).toBe(0);
}

/**
 * Visits all seven pages through the navigation and checks each; fails once at the end with every
 * page's violations, so one run shows the whole picture. `ready` waits for what a page must show
 * before it counts as drawn (data, not a loading state).
 */
export async function expectEveryPageAccessible(
  page: Page,
  state: string,
  ready: (name: PageName) => Promise<void> = async () => {},
): Promise<void> {
  const shell = new ConsoleShell(page);
  const found: string[] = [];
  for (const name of PAGES) {
    await shell.goTo(name);
    await ready(name);
    found.push(...describeViolations(await analyze(page)).map((line) => `${name}: ${line}`));
  }
  expect(found.length, `axe-core violations (${state}):\n${found.join('\n')}`).toBe(0);
}
