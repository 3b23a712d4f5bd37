import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Unit and component tests; the site's own plugin stays out (it would read posts/).
export default defineConfig({
  plugins: [react()],
  test: {
    include: ['test/*.test.{ts,tsx}', 'plugins/**/__tests__/*.test.ts', 'scripts/**/__tests__/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
