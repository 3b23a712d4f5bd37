// @ts-check
// How this project starts Chromium, for the browser tests and Lighthouse alike: Debian's
// build unless CHROMIUM_PATH names another, headless, and quiet (no network of its own).

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
