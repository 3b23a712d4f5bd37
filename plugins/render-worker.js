// @ts-check
// A worker thread that renders posts for plugins/render-pool.ts. Node 20 cannot import
// TypeScript, so plugins/markdown/pipeline.ts is loaded through Vite's module runner.
import { parentPort, workerData } from 'node:worker_threads';
import { runnerImport } from 'vite';

/** @type {{ module: typeof import('./markdown/pipeline.ts') }} */
const { module } = await runnerImport(workerData.pipeline, {
  root: workerData.root,
  configFile: false,
  logLevel: 'silent',
});

/** @type {Record<string, string>} */
let slugs = {};
const port = parentPort;
if (!port) throw new Error('render-worker.js runs only as a worker thread');

port.on('message', async (message) => {
  if (message.type === 'slugs') {
    slugs = message.slugs;
    return;
  }
  // renderMarkdown turns anything that goes wrong inside a post into a problem of that post.
  const result = await module.renderMarkdown(message.source, { ...message.context, slugs });
  port.postMessage({ id: message.id, result });
});
port.postMessage({ type: 'ready' });
