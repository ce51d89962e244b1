// How tests and benchmarks start Debian's Chromium (Playwright's own browser
// download cannot run here): headless, and quiet on the network, whose
// background connections this machine refuses.
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
