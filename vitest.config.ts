import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-main/**/*.test.ts', 'src-renderer/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // sshd instances are cheap, but two cores are not: keep files serial-ish.
    maxWorkers: 2,
    // expect.poll waits on a condition (a server noticing a disconnect); on a
    // loaded two-core box that can take longer than the 1 s default.
    expect: { poll: { timeout: 5_000 } },
    // Real sshd and real kills on a shared two-core box: a test that fails once
    // and then passes is run again, and scripts/test-all.mjs names it as flaky
    // in the summary so it is mended rather than hidden.
    retry: 1,
  },
});
