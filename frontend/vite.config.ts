/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// `npm run dev` proxies the API (SEMAP_API, default the `make run` address) so the SPA and the API
// share an origin, as they do when the API serves the build.
const api = process.env.SEMAP_API ?? 'http://127.0.0.1:8000';

export default defineConfig({
  server: {
    proxy: Object.fromEntries(['/api', '/ogc', '/openapi.json', '/healthz'].map((path) => [path, api])),
  },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // MapLibre is most of the bytes and changes rarely: its own long-cached chunk.
        // Chart.js (the admin console's statistics) likewise, loaded only there.
        manualChunks(id: string) {
          if (id.includes('node_modules/maplibre-gl') || id.includes('node_modules/@maplibre')) return 'maplibre';
          if (id.includes('node_modules/chart.js') || id.includes('node_modules/@kurkle')) return 'chartjs';
          return null;
        },
      },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['src/i18n/test-setup.ts'],
  },
});
