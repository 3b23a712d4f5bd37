// The reader's colour theme: light, dark, or the system's (the default). The choice is kept
// in localStorage and set as `data-theme` on <html>, which the stylesheet's `color-scheme`
// follows. React-free: the build puts THEME_SCRIPT inline in every page's <head>, pinned by
// its hash in the Content-Security-Policy, so a returning reader's first paint is already in
// their theme, before the app's script arrives.

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const STORAGE_KEY = 'theme';

/**
 * Runs before first paint; kept tiny (and its bytes counted by the budgets). It must stay
 * in step with `storedTheme` and `applyTheme` below.
 */
export const THEME_SCRIPT = `try{var t=localStorage.getItem('${STORAGE_KEY}');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;

/** The stored choice; `system` when there is none or storage is unavailable (private modes may throw). */
export function storedTheme(): Theme {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

/** Shows the page in `theme` at once and remembers it (best effort: storage may be unavailable). */
export function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  try {
    if (theme === 'system') localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // The choice still holds for this page.
  }
}
