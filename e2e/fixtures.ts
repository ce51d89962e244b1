import { test as base, expect as baseExpect, type Locator } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSshd, type Sshd } from '../test-support/sshd';
import { startHarness, type RunningHarness } from './harness/launch';
import { AppPage } from './pages/app-page';

interface Harness {
  dataDir: string;
  current: RunningHarness;
  /** Stops the harness and starts it again on the same data, like quitting and reopening the app. */
  restart(): Promise<RunningHarness>;
}

export const test = base.extend<{ harness: Harness; app: AppPage }, { sshd: Sshd }>({
  sshd: [
    async ({}, use) => {
      const sshd = await startSshd();
      await use(sshd);
      await sshd.stop();
    },
    { scope: 'worker' },
  ],
  harness: async ({}, use) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'warren-e2e-'));
    const harness: Harness = {
      dataDir,
      current: await startHarness(dataDir),
      async restart() {
        await harness.current.stop();
        harness.current = await startHarness(dataDir);
        return harness.current;
      },
    };
    await use(harness);
    await harness.current.stop();
    rmSync(dataDir, { recursive: true, force: true });
  },
  app: async ({ page, harness }, use) => {
    const app = new AppPage(page);
    await app.open(harness.current.url);
    await use(app);
  },
});

/**
 * `expect(x).toHaveState('on')`: the element's `data-state`, which terminals,
 * files tabs, transfers and forwards all carry. Waits like toHaveAttribute.
 */
export const expect = baseExpect.extend({
  async toHaveState(locator: Locator, expected: string, options?: { timeout?: number }) {
    const name = 'toHaveState';
    let pass: boolean;
    let actual: unknown;
    try {
      await (this.isNot ? baseExpect(locator).not : baseExpect(locator)).toHaveAttribute('data-state', expected, options);
      pass = !this.isNot;
    } catch (e) {
      actual = (e as { matcherResult?: { actual?: unknown } }).matcherResult?.actual;
      pass = this.isNot;
    }
    const message = () =>
      `${this.utils.matcherHint(name, undefined, undefined, { isNot: this.isNot })}\n\n` +
      `Locator: ${locator}\n` +
      `Expected: ${this.isNot ? 'not ' : ''}${this.utils.printExpected(expected)}\n` +
      (actual !== undefined ? `Received: ${this.utils.printReceived(actual)}` : '');
    return { pass, message, name, expected, actual };
  },
});
