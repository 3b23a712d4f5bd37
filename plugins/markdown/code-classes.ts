// Highlighted code carries classes, never `style` attributes (the site's CSP forbids them):
// each token gets one class for its colour in the light theme and one for the dark theme.
// The stylesheet for those classes comes from the two themes' palettes alone, so it is the
// same whatever the posts hold. No Shiki import here: the build's main thread uses this.
// Theme colours too faint to read (github-light's orange is 3.3:1 on white) are darkened,
// or lightened in the dark theme, until they reach WCAG's 4.5:1 on every background a token
// can have: the block's, and a marked line's.
import { rgb, type RGBColor } from 'd3-color';
import type { ThemeRegistration } from 'shiki';

/** The light and dark themes of code blocks (any of https://shiki.style/themes). */
export const CODE_THEMES = { light: 'github-light', dark: 'github-dark' } as const;

type Scheme = 'l' | 'd';
const hex = (color: string) => color.replace('#', '').toLowerCase();

/** `--shiki-light:#D73A49;--shiki-dark:#F97583` -> `['shl-d73a49', 'shd-f97583']` */
export function tokenClasses(style: string): string[] {
  const classes: string[] = [];
  for (const declaration of style.split(';')) {
    const match = /^--shiki-(light|dark)(-font-style|-font-weight|-text-decoration)?:\s*(.+)$/.exec(declaration.trim());
    if (!match) continue;
    const scheme: Scheme = match[1] === 'light' ? 'l' : 'd';
    const value = match[3]!.trim();
    if (!match[2] && /^#[0-9a-f]{3,8}$/i.test(value)) classes.push(`sh${scheme}-${hex(value)}`);
    else if (match[2] && /^(italic|bold|underline)$/.test(value)) classes.push(`sh${scheme}-${value}`);
  }
  return classes;
}

/** Every colour a theme can give a token: its foreground and each token rule's. */
function palette(theme: ThemeRegistration): Set<string> {
  const colors = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && /^#[0-9a-f]{3,8}$/i.test(value)) colors.add(hex(value));
  };
  add(theme.colors?.['editor.foreground']);
  for (const rule of theme.settings ?? theme.tokenColors ?? []) add(rule.settings.foreground);
  return colors;
}

/** WCAG 2's minimum contrast for text. */
const MIN_CONTRAST = 4.5;
/** A marked line (`{2-3}`) is this grey over the block's background. */
const MARK = { color: rgb(128, 128, 128), opacity: 0.18 };

function luminance(color: RGBColor): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b);
}

function contrast(a: RGBColor, b: RGBColor): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high! + 0.05) / (low! + 0.05);
}

function over(background: RGBColor, { color, opacity }: typeof MARK): RGBColor {
  const mix = (top: number, bottom: number) => Math.round(top * opacity + bottom * (1 - opacity));
  return rgb(mix(color.r, background.r), mix(color.g, background.g), mix(color.b, background.b));
}

/** The colour, darkened (light theme) or lightened (dark) just enough to read on every background. */
export function readable(color: string, backgrounds: RGBColor[], scheme: Scheme): string {
  let adjusted = rgb(color);
  for (let step = 0; step < 50 && backgrounds.some((bg) => contrast(adjusted, bg) < MIN_CONTRAST); step++) {
    adjusted = scheme === 'l' ? adjusted.darker(0.1) : adjusted.brighter(0.1);
  }
  return adjusted.formatHex();
}

interface SchemeColours {
  fg: string;
  bg: string;
  /** A marked line's background. */
  marked: string;
  /** Each token colour class of the theme, with its colour made readable. */
  tokens: [className: string, colour: string][];
}

function schemeColours(theme: ThemeRegistration, scheme: Scheme): SchemeColours {
  const fg = theme.colors?.['editor.foreground'] ?? (scheme === 'l' ? '#24292e' : '#e1e4e8');
  const bg = rgb(theme.colors?.['editor.background'] ?? (scheme === 'l' ? '#ffffff' : '#24292e'));
  const marked = over(bg, MARK);
  const backgrounds = [bg, marked];
  return {
    fg: readable(fg, backgrounds, scheme),
    bg: bg.formatHex(),
    marked: marked.formatHex(),
    tokens: [...palette(theme)].map((colour) => [`sh${scheme}-${colour}`, readable(`#${colour}`, backgrounds, scheme)]),
  };
}

/**
 * The stylesheet of code blocks. Each token carries its light colour in `--shl` and its
 * dark one in `--shd`; light-dark() picks by the page's colour scheme, which follows the
 * system or the reader's choice (src/theme.ts). Italic, bold and underline apply in both
 * schemes (the GitHub themes use them alike).
 */
export function codeThemeCss(light: ThemeRegistration, dark: ThemeRegistration): string {
  const l = schemeColours(light, 'l');
  const d = schemeColours(dark, 'd');
  // As specific as the site's `.prose pre`, and later in the stylesheet: the theme's own colours win.
  const lines = [
    `/* Generated from the ${light.name} and ${dark.name} themes (plugins/markdown/code-classes.ts). */`,
    `pre.shiki { color: light-dark(${l.fg}, ${d.fg}); background: light-dark(${l.bg}, ${d.bg}); }`,
    `pre.shiki .line.highlighted { background: light-dark(${l.marked}, ${d.marked}); }`,
    'pre.shiki span { color: light-dark(var(--shl, currentColor), var(--shd, currentColor)); }',
    ...l.tokens.map(([name, colour]) => `.${name} { --shl: ${colour}; }`),
    ...d.tokens.map(([name, colour]) => `.${name} { --shd: ${colour}; }`),
    ...(['l', 'd'] as const).flatMap((scheme) => [
      `.sh${scheme}-italic { font-style: italic; }`,
      `.sh${scheme}-bold { font-weight: bold; }`,
      `.sh${scheme}-underline { text-decoration: underline; }`,
    ]),
  ];
  return `${lines.join('\n')}\n`;
}
