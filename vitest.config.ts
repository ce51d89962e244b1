import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-main/**/*.test.ts', 'src-renderer/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // sshd instances are cheap, but two cores are not: keep files serial-ish.
    maxWorkers: 2,
  },
});
