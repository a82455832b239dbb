import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // One run covers the app's tests and every workspace package's own (each has its config).
    projects: [
      {
        test: {
          name: 'app',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      'packages/*/vitest.config.ts',
    ],
  },
})
