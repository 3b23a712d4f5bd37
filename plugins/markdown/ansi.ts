// A terminal's colours in a notebook's output (an IPython traceback, a test runner's
// report), as classes of the site's stylesheet: no `style` attribute, so the CSP stays
// strict. Anser reads the escape codes; each colour, from the 16 of a terminal, the 256 of
// its palette or a true colour, becomes the nearest of eight hues, which the stylesheet
// draws legibly in the light and the dark theme (a terminal's own white or black would
// vanish on one of them).
import Anser from 'anser';
import type { ElementContent } from 'hast';

const HUES = {
  black: [0, 0, 0],
  red: [187, 0, 0],
  green: [0, 187, 0],
  yellow: [187, 187, 0],
  blue: [0, 0, 187],
  magenta: [187, 0, 187],
  cyan: [0, 187, 187],
  white: [255, 255, 255],
} as const;

type Hue = keyof typeof HUES;

const DECORATIONS = ['bold', 'dim', 'italic', 'underline', 'strikethrough'] as const;

/** Every class this file gives a span, for the sanitiser's allow-list. */
export const ANSI_CLASSES = [
  ...Object.keys(HUES).flatMap((hue) => [`ansi-${hue}-fg`, `ansi-${hue}-bg`]),
  ...DECORATIONS.map((decoration) => `ansi-${decoration}`),
];

/** Whether `text` holds any escape code. */
export function hasAnsi(text: string): boolean {
  return text.includes('\u001b[');
}

/** `text` as text nodes and classed spans, its escape codes read and removed. */
export function ansiToHast(text: string): ElementContent[] {
  if (!hasAnsi(text)) return [{ type: 'text', value: text }];
  const nodes: ElementContent[] = [];
  for (const entry of Anser.ansiToJson(text, { remove_empty: true })) {
    const classes = [
      ...(entry.fg ? [`ansi-${nearestHue(entry.fg)}-fg`] : []),
      ...(entry.bg ? [`ansi-${nearestHue(entry.bg)}-bg`] : []),
      ...entry.decorations
        .filter((decoration): decoration is (typeof DECORATIONS)[number] =>
          (DECORATIONS as readonly string[]).includes(decoration),
        )
        .map((decoration) => `ansi-${decoration}`),
    ];
    const value: ElementContent = { type: 'text', value: entry.content };
    nodes.push(
      classes.length > 0
        ? { type: 'element', tagName: 'span', properties: { className: classes }, children: [value] }
        : value,
    );
  }
  return nodes;
}

/** The hue nearest to an `r, g, b` colour (Anser gives every colour so). */
function nearestHue(rgb: string): Hue {
  const [r = 0, g = 0, b = 0] = rgb.split(',').map((part) => Number(part.trim()));
  let nearest: Hue = 'black';
  let distance = Infinity;
  for (const [hue, [hr, hg, hb]] of Object.entries(HUES) as [Hue, readonly [number, number, number]][]) {
    // A bright colour (255, 85, 85) is its hue, not white: compare each against its own strongest channel.
    const scale = Math.max(r, g, b, 1) / Math.max(hr, hg, hb, 1);
    const d = (r - hr * scale) ** 2 + (g - hg * scale) ** 2 + (b - hb * scale) ** 2;
    if (d < distance) [nearest, distance] = [hue, d];
  }
  return nearest;
}
