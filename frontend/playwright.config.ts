import { defineConfig } from '@playwright/test';
import { availableParallelism } from 'node:os';

// Run through `npm run test:e2e` (scripts/e2e.mjs), which starts the API and sets E2E_BASE_URL.
// Debian's Chromium, never a downloaded browser; SwiftShader gives MapLibre WebGL2 without a GPU.
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/playwright',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: true,
  // One browser per two cores: each browser with MapLibre on SwiftShader and axe keeps a core busy, and the
  // API needs its share. On a 2-core CI machine that is one worker; E2E_WORKERS overrides.
  workers: Number(process.env.E2E_WORKERS) || Math.max(1, Math.floor(availableParallelism() / 2)),
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8000',
    viewport: { width: 1280, height: 800 },
    locale: 'ro-RO',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--enable-unsafe-swiftshader', '--use-angle=swiftshader'],
    },
    trace: 'retain-on-failure',
  },
});
