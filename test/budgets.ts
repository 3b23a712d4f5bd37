// Size budgets, in one place. First-load JavaScript is gzip bytes of every script a page's
// HTML loads before it is idle (scripts/page-weight.mjs). The floor is what React, react-dom
// and react-router's BrowserRouter alone weigh built the same way: 81,022 B on 2026-11-26
// (`npm run bench` prints it); the budget is 1.10 × that floor for every page kind.
export const FIRST_LOAD_JS_FLOOR = 81_022;

export const BUDGETS = {
  /** Gzip bytes of JavaScript on first load, per page kind. */
  firstLoadJs: {
    home: Math.floor(FIRST_LOAD_JS_FLOOR * 1.1),
    post: Math.floor(FIRST_LOAD_JS_FLOOR * 1.1),
    tag: Math.floor(FIRST_LOAD_JS_FLOOR * 1.1),
  },
  /** How much a page's first-load JavaScript may grow from 10 posts to 200: not at all. */
  firstLoadJsGrowth: 0,
  /** A post page's HTML (gzip) may differ by this much between 10 and 200 posts (only its own content and links differ). */
  postHtmlGrowth: 256,
} as const;
