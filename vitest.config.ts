import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        // The card and the settings page, with HubSpot's renderer: no DOM, the automatic JSX runtime.
        esbuild: { jsx: 'automatic' },
        test: {
          name: 'app',
          include: ['src/app/**/__test__/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
    ],
  },
})
