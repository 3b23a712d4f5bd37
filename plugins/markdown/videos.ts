// Video in posts.
// - A file beside the post plays in a <video>: written as raw HTML (`<video src="./demo.mp4"
//   controls>`, its <source>s and caption <track>s), or as an image whose file is a video
//   (`![what it shows](./demo.mp4)`), which then takes `demo.vtt` beside it as its captions
//   and `demo.png` (or .jpg, .webp) as its poster.
// - A YouTube or Vimeo link alone in its paragraph, or the <iframe> those sites suggest,
//   becomes a preview: a link to the video on its site, which the page's script turns into
//   the player (from youtube-nocookie.com, or Vimeo's with `dnt`) when the reader clicks.
//   Until then the page asks the video site for nothing; without JavaScript the link opens
//   the video there. The Content-Security-Policy allows exactly the players the posts use
//   (`file.data.frames`).
import path from 'node:path';
import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { VFile } from 'vfile';
import { dependOn, postContext, problem } from './file-data.ts';
import { readInside } from './urls.ts';
import { eachElement, SKIP } from './walk.ts';

declare module 'vfile' {
  interface DataMap {
    /** The origins of the video players the post's previews load when clicked. */
    frames: string[];
  }
}

const VIDEO_FILE = /\.(mp4|m4v|webm|ogv|mov)$/i;
const POSTERS = ['.png', '.jpg', '.jpeg', '.webp'];

interface Player {
  provider: 'YouTube' | 'Vimeo';
  /** The video's page on its site. */
  page: string;
  /** The player, which starts when loaded. */
  embed: string;
}

/** The player for a YouTube or Vimeo address, if it is one. */
export function playerOf(address: string): Player | undefined {
  if (!URL.canParse(address)) return undefined;
  const url = new URL(address);
  const host = url.hostname.replace(/^(www|m)\./, '');
  const parts = url.pathname.split('/').filter(Boolean);
  if (['youtube.com', 'youtu.be', 'youtube-nocookie.com'].includes(host)) {
    // A playlist: its page, or its player (`embed/videoseries?list=…`).
    const list = url.searchParams.get('list');
    if (list && /^[\w-]+$/.test(list) && (parts[0] === 'playlist' || parts[1] === 'videoseries')) {
      return {
        provider: 'YouTube',
        page: `https://www.youtube.com/playlist?list=${list}`,
        embed: `https://www.youtube-nocookie.com/embed/videoseries?list=${list}&autoplay=1`,
      };
    }
    const id =
      host === 'youtu.be'
        ? parts[0]
        : parts[0] === 'watch'
          ? url.searchParams.get('v')
          : ['embed', 'shorts', 'live', 'v'].includes(parts[0] ?? '')
            ? parts[1]
            : undefined;
    if (!id || !/^[\w-]{11}$/.test(id)) return undefined;
    const start = seconds(url.searchParams.get('t') ?? url.searchParams.get('start'));
    return {
      provider: 'YouTube',
      page: `https://www.youtube.com/watch?v=${id}${start ? `&t=${start}` : ''}`,
      embed: `https://www.youtube-nocookie.com/embed/${id}?autoplay=1${start ? `&start=${start}` : ''}`,
    };
  }
  if (host === 'vimeo.com' || host === 'player.vimeo.com') {
    const [id, hash] = host === 'vimeo.com' ? parts : parts[0] === 'video' ? parts.slice(1) : [];
    if (!id || !/^\d+$/.test(id)) return undefined;
    const unlisted = hash && /^[0-9a-f]+$/.test(hash) ? hash : (url.searchParams.get('h') ?? undefined);
    return {
      provider: 'Vimeo',
      page: `https://vimeo.com/${id}${unlisted ? `/${unlisted}` : ''}`,
      embed: `https://player.vimeo.com/video/${id}?autoplay=1&dnt=1${unlisted ? `&h=${unlisted}` : ''}`,
    };
  }
  return undefined;
}

/** `90`, `1m30s` or `1h2m3s` as seconds. */
function seconds(value: string | null): number | undefined {
  const match = value ? /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$/.exec(value) : null;
  if (!match) return undefined;
  const total = Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
  return total > 0 ? total : undefined;
}

/**
 * Before the sanitiser (which removes every <iframe>): a YouTube or Vimeo player's <iframe>
 * becomes a paragraph holding a link to the video, which `videos` then makes a preview.
 */
export function videoFrames() {
  return (tree: Root) => {
    eachElement(tree, (node, index, parent) => {
      if (node.tagName !== 'iframe') return undefined;
      const player = playerOf(String(node.properties.src ?? ''));
      if (!player) return SKIP;
      const title = typeof node.properties.title === 'string' && node.properties.title.trim();
      parent.children[index] = {
        type: 'element',
        tagName: 'p',
        properties: {},
        children: [link(player.page, title || `${player.provider} video`)],
        position: node.position,
      };
      return SKIP;
    });
  };
}

function link(href: string, text: string): Element {
  return { type: 'element', tagName: 'a', properties: { href }, children: [{ type: 'text', value: text }] };
}

/** After the sanitiser: previews for video links alone in their paragraphs, and <video> for images that are videos. */
export function videos() {
  return async (tree: Root, file: VFile) => {
    const frames = new Set<string>();
    const videoImages: Element[] = [];
    eachElement(tree, (node, index, parent) => {
      if (node.tagName === 'img' && VIDEO_FILE.test(String(node.properties.src ?? '').split(/[?#]/)[0] ?? '')) {
        videoImages.push(node);
        return SKIP;
      }
      const only = loneLink(node);
      const player = only && playerOf(String(only.properties.href ?? ''));
      if (!player) return undefined;
      parent.children[index] = preview(player, toString(only).trim(), node);
      frames.add(new URL(player.embed).origin);
      return SKIP;
    });
    for (const image of videoImages) await asVideo(image, file);
    if (frames.size > 0) file.data.frames = [...frames];
  };
}

/** The link of a paragraph that holds nothing else (but white space). */
function loneLink(node: Element): Element | undefined {
  if (node.tagName !== 'p') return undefined;
  const content = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
  const [only] = content;
  return content.length === 1 && only?.type === 'element' && only.tagName === 'a' ? only : undefined;
}

function preview(player: Player, text: string, replaced: Element): Element {
  // An address as the link's text (a bare link) says nothing a reader needs.
  const title = text && !/^https?:\/\//.test(text) ? text : `${player.provider} video`;
  return {
    type: 'element',
    tagName: 'figure',
    properties: { className: ['video-embed'] },
    position: replaced.position,
    children: [
      {
        type: 'element',
        tagName: 'a',
        properties: { href: player.page, className: ['video-embed-play'], dataEmbed: player.embed },
        children: [
          {
            type: 'element',
            tagName: 'span',
            properties: { className: ['video-embed-title'] },
            children: [{ type: 'text', value: title }],
          },
          {
            type: 'element',
            tagName: 'span',
            properties: { className: ['video-embed-note'] },
            children: [
              {
                type: 'text',
                value: `Plays from ${player.provider} when you click: nothing is loaded from there before.`,
              },
            ],
          },
        ],
      },
    ],
  };
}

/** An image whose file is a video: a <video> with controls, and the captions and poster beside it. */
async function asVideo(image: Element, file: VFile): Promise<void> {
  const src = String(image.properties.src);
  const label = String(image.properties.alt ?? '').trim();
  const children: ElementContent[] = [];
  const properties: Element['properties'] = { src, controls: true, preload: 'metadata' };
  if (label) properties.ariaLabel = label;
  else problem(file, `the video ${src} has no alt text; say what it shows: ![what it shows](${src})`, image);
  if (!/^[a-z][a-z0-9+.-]*:|^\//i.test(src)) {
    const context = postContext(file);
    const base = src.replace(VIDEO_FILE, '');
    const beside = async (ext: string) => {
      const target = path.resolve(path.dirname(context.file), decodeURIComponent(`${base}${ext}`));
      const bytes = await readInside(target, context.postsDir);
      dependOn(file, target, bytes);
      return bytes ? `${base}${ext}` : undefined;
    };
    const captions = await beside('.vtt');
    if (captions) {
      children.push({
        type: 'element',
        tagName: 'track',
        properties: { kind: 'captions', src: captions, srcLang: 'en', label: 'Captions', default: true },
        children: [],
      });
    }
    for (const ext of POSTERS) {
      const poster = await beside(ext);
      if (poster) {
        properties.poster = poster;
        break;
      }
    }
  }
  // What a browser that plays no video shows instead.
  children.push(link(src, `Download the video${label ? `: ${label}` : ''}`));
  Object.assign(image, { tagName: 'video', properties, children });
}
