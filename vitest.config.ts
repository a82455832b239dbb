import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // One run covers the app's tests, the HubSpot components' and every workspace package's own.
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
      {
        // The card and the settings page, with HubSpot's renderer: no DOM, the automatic JSX runtime.
        esbuild: { jsx: 'automatic' },
        test: {
          name: 'hubspot-components',
          include: ['src/app/**/__test__/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
    ],
  },
})
