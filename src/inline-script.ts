// The one inline script of every page, in its <head>, allowed by its sha256 hash in the
// Content-Security-Policy (plugins/head.ts). It is the same text on every page, so one hash
// covers them all; what differs per page and per build is in its data attributes, which
// the hash does not cover:
// - the reader's theme before first paint, and the header's theme menu (src/theme.ts);
// - in the built site, the app's loader: once the page has loaded and painted (so that
//   nothing competes with first paint), the page's data (`data-page-data`, as a preload
//   the app's own request then uses) and the app itself (`data-app`), at once. The
//   prerendered page works before then: links are links, forms are forms. The dev server's
//   page has no `data-app` and loads the app as a module.
// Written as it is minified: its bytes are in every page (and counted by the budgets).
import { THEME_SCRIPT } from './theme.ts';

const LOADER =
  `var s=d.currentScript,A=s&&s.dataset.app,q;` +
  `function g(){if(q)return;q=1;var D=s.dataset.pageData;if(D){var l=d.createElement('link');` +
  `l.rel='preload';l.as='fetch';l.crossOrigin='';l.href=D;d.head.appendChild(l)}import(A)}` +
  // After the load event (the page's images are in) and the first contentful paint, which
  // can come after it; at once in a hidden tab (it paints nothing), and after 3 s whatever
  // happens (a browser without paint timing).
  `if(A)addEventListener('load',function(){try{new PerformanceObserver(function(l){` +
  `l.getEntriesByName('first-contentful-paint').length&&setTimeout(g)}).observe({type:'paint',buffered:true})}` +
  `catch(e){g()}setTimeout(g,d.hidden?0:3e3)})`;

export const INLINE_SCRIPT = `(function(){var d=document;${THEME_SCRIPT}${LOADER}})()`;
