// Social preview images, with SITE_URL (an og:image must be absolute): a 1200×630 PNG per
// post (its title, date and the site's name) and one for the site, drawn at build time by
// satori (layout, and text turned into paths with the Inter font from @fontsource) and resvg
// (SVG to PNG). Each is kept in the cache folder under a hash of its text, so a build draws
// only the cards whose text changed.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Post } from '../src/content.ts';
import { routePath } from '../src/routes.ts';
import { SETTINGS } from '../src/settings.ts';
import { mapLimited } from './concurrency.ts';

export const PREVIEW_SIZE = { width: 1200, height: 630 } as const;
/** Change when the card's design changes: every cached card is drawn again. */
const CARD_VERSION = 1;

/** A card's file, relative to the base: `posts/<slug>/preview.png`, or the site's `preview.png`. */
export function previewPath(slug?: string): string {
  return slug === undefined ? 'preview.png' : `${routePath('post', { slug }).slice(1)}preview.png`;
}

interface Card {
  file: string;
  heading: string;
  detail: string;
}

/** Writes the site's card and a card for every post without its own `image`. */
export async function writePreviews(outDir: string, posts: Post[], cacheDir: string | undefined): Promise<string[]> {
  const cards: Card[] = [
    { file: previewPath(), heading: SETTINGS.title, detail: SETTINGS.description },
    ...posts
      .filter((post) => !post.image)
      .map((post) => ({ file: previewPath(post.slug), heading: post.title, detail: post.dateLabel })),
  ];
  let renderer: ReturnType<typeof cardRenderer> | undefined; // loaded only if a card is drawn
  const cacheFolder = cacheDir && path.join(cacheDir, 'previews');
  const used = new Set<string>();
  await mapLimited(cards, 4, async (card) => {
    const key = createHash('sha256')
      .update(JSON.stringify([CARD_VERSION, SETTINGS.title, card.heading, card.detail]))
      .digest('hex');
    used.add(`${key}.png`);
    const cached = cacheFolder ? path.join(cacheFolder, `${key}.png`) : undefined;
    const target = path.join(outDir, card.file);
    const [cachedSize, targetSize] = await Promise.all([cached, target].map((file) => sizeOf(file)));
    if (cachedSize !== undefined && cachedSize === targetSize && (await sameBytes(cached!, target))) return; // left by the last build
    await mkdir(path.dirname(target), { recursive: true });
    if (cached && cachedSize !== undefined) return copyFile(cached, target);
    renderer ??= cardRenderer();
    const png = await (await renderer)(card);
    await writeFile(target, png);
    if (cached) {
      await mkdir(path.dirname(cached), { recursive: true });
      await writeFile(cached, png);
    }
  });
  // Cards of posts since retitled or removed are not kept.
  if (cacheFolder) {
    const names = await readdir(cacheFolder).catch(() => [] as string[]);
    await Promise.all(
      names.filter((name) => !used.has(name)).map((name) => rm(path.join(cacheFolder, name), { force: true })),
    );
  }
  return cards.map((card) => card.file);
}

/** Loads satori, resvg and the fonts once; returns a function that draws one card. */
async function cardRenderer(): Promise<(card: Card) => Promise<Buffer>> {
  const [{ default: satori }, { Resvg }] = await Promise.all([import('satori'), import('@resvg/resvg-js')]);
  const require = createRequire(import.meta.url);
  const font = (weight: 400 | 700) =>
    readFile(require.resolve(`@fontsource/inter/files/inter-latin-${weight}-normal.woff`));
  const [regular, bold] = await Promise.all([font(400), font(700)]);
  const fonts = [
    { name: 'Inter', data: regular, weight: 400 as const },
    { name: 'Inter', data: bold, weight: 700 as const },
  ];
  const box = (style: Record<string, string | number>, children: unknown) => ({
    type: 'div',
    props: { style, children },
  });
  return async ({ heading, detail }) => {
    const svg = await satori(
      box(
        {
          // Padding adds to the size (content-box): the card is exactly PREVIEW_SIZE.
          width: PREVIEW_SIZE.width - 2 * 80,
          height: PREVIEW_SIZE.height - 2 * 72,
          display: 'flex',
          flexDirection: 'column',
          justifyContent: 'space-between',
          padding: '72px 80px',
          background: '#0d1117',
          color: '#e6edf3',
          fontFamily: 'Inter',
        },
        [
          box({ fontSize: 32, color: '#7cb4ff' }, SETTINGS.title),
          box({ fontSize: heading.length > 80 ? 48 : 64, fontWeight: 700, lineHeight: 1.15 }, heading),
          box({ fontSize: 30, color: '#9da7b3' }, detail),
        ],
      ) as Parameters<typeof satori>[0],
      { ...PREVIEW_SIZE, fonts },
    );
    return new Resvg(svg, { fitTo: { mode: 'width', value: PREVIEW_SIZE.width } }).render().asPng();
  };
}

function sizeOf(file: string | undefined): Promise<number | undefined> {
  return file
    ? stat(file).then(
        (info) => info.size,
        () => undefined,
      )
    : Promise.resolve(undefined);
}

async function sameBytes(a: string, b: string): Promise<boolean> {
  const [left, right] = await Promise.all([readFile(a), readFile(b)]);
  return left.equals(right);
}
