// The reader's colour theme: light, dark, or the system's (the default). The choice is kept
// in localStorage and set as `data-theme` on <html>, which the stylesheet's `color-scheme`
// follows. No React: THEME_SCRIPT is part of the one inline script in every page's <head>
// (src/inline-script.ts), pinned by its hash in the Content-Security-Policy. It runs before first paint, so a returning
// reader's first paint is already in their theme, and it drives the header's theme menu
// (plugins/header.ts) itself, so the menu works before the app's script arrives, and the
// app's script carries no code for it.
import { APP_IDS } from './routes.ts';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_LABELS: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

const KEY = 'theme';
const MENU = APP_IDS.theme;

/**
 * The theme's part of the inline script (src/inline-script.ts), which runs it with `d` as
 * the document; written as it is minified, since every page carries it. `a` applies a
 * choice: light or dark, anything else is the system's. Storage may be unavailable (private
 * modes throw); then a choice holds for this page only.
 */
export const THEME_SCRIPT =
  `var r=d.documentElement,t;` +
  `function a(v){t=v=='light'||v=='dark'?v:'system';t=='system'?delete r.dataset.theme:r.dataset.theme=t}` +
  // The stored choice, before first paint.
  `try{a(localStorage.${KEY})}catch(e){a()}` +
  // The menu shows it once the page is parsed...
  `d.addEventListener('DOMContentLoaded',function(){var m=d.getElementById('${MENU}');if(m)m.value=t});` +
  // ...and a choice made there applies at once and is kept.
  `d.addEventListener('change',function(e){if(e.target.id=='${MENU}'){a(e.target.value);` +
  `try{t=='system'?localStorage.removeItem('${KEY}'):localStorage.${KEY}=t}catch(e){}}});`;
