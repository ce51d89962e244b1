// Accessibility checks with axe-core on whatever the page shows, and the app
// theme the checks run in.
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';

/** Impacts the issue asks to be zero; minor and moderate ones are reported by axe but not gated. */
const GATED = new Set(['serious', 'critical']);

export class Accessibility {
  constructor(private readonly page: Page) {}

  /**
   * The serious and critical violations on the page now, one line each:
   * `rule-id (impact): selector, selector — what axe says`. Empty when clean.
   */
  async violations(): Promise<string[]> {
    // The whole page, xterm.js's DOM included: it passes as it stands. Should a
    // remote program's colours ever fail contrast in .xterm-rows, exclude that
    // node only (its colours are the user's scheme and the server's output).
    const results = await new AxeBuilder({ page: this.page }).analyze();
    return results.violations
      .filter((v) => GATED.has(v.impact ?? ''))
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => `${n.target.join(' ')} [${(n.failureSummary ?? '').replace(/\s+/g, ' ').trim()}]`).join(', ')} — ${v.help}`);
  }

  /** The focused element's outline as drawn (`solid 2px`, or `none 0px` when it shows no focus). */
  focusRing(): Promise<string> {
    return this.page.evaluate(() => {
      const style = getComputedStyle(document.activeElement ?? document.body);
      return `${style.outlineStyle} ${style.outlineWidth}`;
    });
  }

  /** How opaque an element is drawn: a disabled control must look faded. */
  async opacity(element: Locator): Promise<number> {
    return Number(await element.evaluate((el) => getComputedStyle(el).opacity));
  }

  /** The theme the app wears now, as its CSS sees it. */
  appTheme(): Promise<string | undefined> {
    return this.page.evaluate(() => document.documentElement.dataset.theme);
  }

  /** What the OS says it prefers (System follows it). */
  async osPrefers(scheme: 'dark' | 'light'): Promise<void> {
    await this.page.emulateMedia({ colorScheme: scheme });
  }
}
