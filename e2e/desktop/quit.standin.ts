// Quitting the desktop app with each "When the app quits" policy, on the Electron stand-in: the
// built main process, a real native Prometheus it started, and app.quit() as Ctrl+Q would do it.
import { expect, test } from '@playwright/test';
import { skipWithoutPrerequisites } from '../support/prerequisites';
import { desktopDataDir, launch, prometheusReady, startStackFromOverview } from './support';

skipWithoutPrerequisites('the desktop stand-in suite');

const cases = [
  {
    policy: 'stop',
    answer: null,
    running: false,
    title: 'stop: quitting stops the Prometheus the app started',
  },
  {
    policy: 'leave',
    answer: null,
    running: true,
    title: 'leave: quitting leaves Prometheus running',
  },
  { policy: 'ask', answer: 0, running: false, title: 'ask → "Stop the stack": quitting stops it' },
  {
    policy: 'ask',
    answer: 1,
    running: true,
    title: 'ask → "Leave it running": quitting leaves it',
  },
] as const;

for (const c of cases) {
  test(c.title, async ({ browser }) => {
    const dir = await desktopDataDir(c.policy);
    const app = launch(browser, dir);
    try {
      await startStackFromOverview(app);
      expect(await prometheusReady(dir)).toBe(true);
      if (c.answer !== null) app.answerDialogs(c.answer);
      expect(await app.quit()).toBe(0);
      expect(app.reported('dialog').map((d) => d.message)).toEqual(
        c.policy === 'ask' ? ['Prometheus and Grafana are running. Stop them now?'] : [],
      );
      // Prometheus outlives the app, or not, and stays that way.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await prometheusReady(dir)).toBe(c.running);
    } finally {
      await app.kill();
      await dir.cleanup();
    }
  });
}
