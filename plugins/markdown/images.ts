// Every image says what it shows (alt text is required) and how big it is: width and height
// read from the file at build time, so the page does not shift as images arrive. Images
// decode off the main thread; all but the first load lazily (the first is often in view).
import type { Element, Root } from 'hast';
import { imageSize } from 'image-size';
import { eachElement } from './walk.ts';
import type { VFile } from 'vfile';
import { assetBytes, postContext, problem, type Asset } from './file-data.ts';

export function images() {
  return async (tree: Root, file: VFile) => {
    const { base } = postContext(file);
    const sources = new Map((file.data.assets ?? []).map((asset) => [`${base}${asset.fileName}`, asset]));
    const written = new Map((file.data.links ?? []).map((link) => [link.href, link.written]));
    const found: Element[] = [];
    eachElement(tree, (node) => {
      if (node.tagName === 'img') found.push(node);
    });
    // A video's poster gives it its size, so the page does not shift as the video loads.
    const videos: Element[] = [];
    eachElement(tree, (node) => {
      if (node.tagName === 'video' && typeof node.properties.poster === 'string') videos.push(node);
    });
    for (const video of videos) {
      const source = sources.get(String(video.properties.poster));
      const size = source && video.properties.width === undefined ? await dimensions(source) : undefined;
      if (size) Object.assign(video.properties, size);
    }
    for (const [index, image] of found.entries()) {
      const src = String(image.properties.src ?? '');
      if (String(image.properties.alt ?? '').trim() === '') {
        const asWritten = written.get(src) ?? src;
        problem(
          file,
          `the image ${asWritten} has no alt text; say what it shows: ![what it shows](${asWritten})`,
          image,
        );
      }
      image.properties.decoding = 'async';
      // Lazy images also keep React's renderer from adding a <link rel=preload> per image.
      if (index > 0) image.properties.loading = 'lazy';
      const source = sources.get(src);
      if (source && image.properties.width === undefined && image.properties.height === undefined) {
        const size = await dimensions(source);
        if (size) Object.assign(image.properties, size);
      }
    }
  };
}

async function dimensions(source: Asset): Promise<{ width: number; height: number } | undefined> {
  try {
    const { width, height } = imageSize(await assetBytes(source));
    return width && height ? { width, height } : undefined;
  } catch {
    return undefined; // not an image format it knows (a PDF linked as an image, say): no size, no shift prevention
  }
}
