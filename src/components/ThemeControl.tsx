import { useState } from 'react';
import { useHydrated } from '../hydrated.ts';
import { applyTheme, storedTheme, THEMES, type Theme } from '../theme.ts';

const LABELS: Record<Theme, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** Light, dark or the system's theme. Shown only once the page's script runs: without it the page follows the system. */
export function ThemeControl() {
  return useHydrated() ? <ThemeSelect /> : null;
}

function ThemeSelect() {
  const [theme, setTheme] = useState<Theme>(storedTheme);
  return (
    <label className="theme-control">
      <span>Theme</span>{' '}
      <select
        value={theme}
        onChange={(event) => {
          const next = event.target.value as Theme;
          applyTheme(next);
          setTheme(next);
        }}
      >
        {THEMES.map((option) => (
          <option key={option} value={option}>
            {LABELS[option]}
          </option>
        ))}
      </select>
    </label>
  );
}
