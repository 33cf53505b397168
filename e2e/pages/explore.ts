// Explore: the PromQL editor (CodeMirror, with codemirror-promql's completion list), Run, the
// graph and table tabs, range and resolution, the error notice and the query history.
import { expect, type Locator, type Page } from '@playwright/test';

export class ExplorePage {
  readonly root: Locator;
  readonly editor: Locator;
  readonly completions: Locator;
  readonly run: Locator;
  readonly graph: Locator;
  readonly legendItems: Locator;
  readonly tableTab: Locator;
  readonly graphTab: Locator;
  readonly tableRows: Locator;
  readonly range: Locator;
  readonly resolution: Locator;
  readonly error: Locator;
  readonly errorMessage: Locator;
  readonly historyItems: Locator;
  readonly historySearch: Locator;
  readonly historyWarnings: Locator;

  constructor(readonly page: Page) {
    const id = (x: string) => page.getByTestId(x);
    this.root = id('page-explore');
    this.editor = this.root.locator('[data-testid="explore-editor"] .cm-content');
    this.completions = page.locator('.cm-tooltip-autocomplete li');
    this.run = id('explore-run');
    this.graph = id('explore-graph');
    this.legendItems = this.graph.getByTestId('legend-item');
    this.tableTab = id('explore-tab-table');
    this.graphTab = id('explore-tab-graph');
    this.tableRows = id('explore-table-row');
    this.range = id('explore-range');
    this.resolution = id('explore-resolution');
    this.error = id('explore-error');
    this.errorMessage = id('explore-error-message');
    this.historyItems = id('explore-history-item');
    this.historySearch = id('explore-history-search');
    this.historyWarnings = id('explore-history-warnings');
  }

  /** Replaces the editor's text by typing, as a person would (completion opens as they type). */
  async type(text: string): Promise<void> {
    await this.editor.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Backspace');
    await this.page.keyboard.type(text, { delay: 20 });
  }

  async editorText(): Promise<string> {
    return (await this.editor.innerText()).trim();
  }

  /** Picks an entry of the completion list by its exact label. */
  async pick(label: string): Promise<void> {
    const option = this.completions.filter({ hasText: new RegExp(`^${label}`) }).first();
    await expect(option).toBeVisible();
    await option.click();
  }
}
