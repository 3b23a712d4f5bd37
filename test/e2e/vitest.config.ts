import { defineConfig } from 'vitest/config';

// Browser tests: real Chromium against built sites served by a plain static server.
export default defineConfig({
  test: {
    include: ['test/e2e/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // A loaded CI machine may take more than the default second to show the next page.
    expect: { poll: { timeout: 5_000 } },
  },
});
