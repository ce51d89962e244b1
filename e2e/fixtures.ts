import { test as base } from '@playwright/test';
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

export { expect } from '@playwright/test';
