import preact from '@preact/preset-vite';
import { defineConfig } from 'vitest/config';

// Unit tests run in node by default; a file that needs a DOM says so with
// a `// @vitest-environment jsdom` line at its top.
export default defineConfig({
  plugins: [preact()],
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['vitest.setup.ts'],
    testTimeout: 20000,
  },
});
