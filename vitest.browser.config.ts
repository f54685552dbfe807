import { defineConfig } from 'vitest/config'

// `npm run test:browser`: the HTML reports opened in headless Chromium (Debian's `chromium`
// package, /usr/bin/chromium, or CHROMIUM_PATH). `npm test` leaves them out: it must pass without a browser.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
