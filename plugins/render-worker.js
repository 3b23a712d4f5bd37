// @ts-check
// A worker thread that renders posts for plugins/render-pool.ts, with plugins/markdown/
// pipeline.ts compiled to JavaScript (Node 20 cannot import TypeScript) by the pool.
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

/** @type {typeof import('./markdown/pipeline.ts')} */
const module = await import(pathToFileURL(workerData.pipeline).href);

/**
 * The slug maps of the reads that may still send work, by number: two reads can overlap
 * (the dev server reads again on a save), each rendering with its own.
 * @type {Map<number, Record<string, string>>}
 */
const slugMaps = new Map();
const port = parentPort;
if (!port) throw new Error('render-worker.js runs only as a worker thread');

port.on('message', async (message) => {
  if (message.type === 'slugs') {
    slugMaps.set(message.version, message.slugs);
    for (const version of slugMaps.keys()) if (version <= message.version - 8) slugMaps.delete(version);
    return;
  }
  const slugs = slugMaps.get(message.slugs) ?? {};
  // renderMarkdown turns anything that goes wrong inside a post into a problem of that post.
  const result = await module.renderMarkdown(message.source, { ...message.context, slugs });
  port.postMessage({ id: message.id, result });
});
port.postMessage({ type: 'ready' });
