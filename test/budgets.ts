// Size budgets, in one place. First-load JavaScript is gzip bytes of every script a page's
// HTML loads before it is idle (plugins/page-weight.js). The floor is what React, react-dom
// and react-router's BrowserRouter alone weigh, built the same way (scripts/floor.mjs
// measures it in each run); every page kind may load at most this many times the floor.
export const BUDGETS = {
  /** First-load JavaScript of every page kind, as a multiple of the floor. */
  firstLoadJsPerFloor: 1.1,
  /** How much a page's first-load JavaScript may grow from 10 posts to 200: not at all. */
  firstLoadJsGrowth: 0,
  /** A post page's HTML (gzip) may differ by this much between 10 and 200 posts (only its own content and links differ). */
  postHtmlGrowth: 256,
  /** The home and tag pages show one page of posts: their HTML (gzip) may differ this much between 100 and 200 posts. */
  listHtmlGrowth: 512,
  /** The inline script (the theme before first paint, the app's loader), gzip bytes per page. */
  inlineJs: 600,
} as const;
