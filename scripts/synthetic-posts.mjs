// @ts-check
// Realistic synthetic posts for the benchmark and the size budgets: ~1,250 words each,
// headings, lists, a code block, a table, links between posts, some with an image or math.
// Deterministic: the same count gives the same posts.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const WORDS = (
  'tensor graph compile device latency throughput batch token kernel memory bandwidth cache ' +
  'quantization precision accelerator pipeline shard replica gradient optimizer schedule trace ' +
  'profile fusion layout buffer transfer host runtime backend frontend lowering operator matrix'
).split(' ');
const TAGS = ['pytorch', 'xla', 'tpu', 'gpu', 'llama', 'inference', 'training', 'compilers', 'profiling', 'memory'];

/**
 * A small deterministic pseudo-random sequence (mulberry32), for the synthetic posts and the fuzz test.
 * @param {number} seed
 * @returns {() => number}
 */
export function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** @param {() => number} next */
function sentence(next) {
  const length = 10 + Math.floor(next() * 12);
  const words = Array.from({ length }, () => WORDS[Math.floor(next() * WORDS.length)]);
  const text = words.join(' ');
  return `${text[0]?.toUpperCase()}${text.slice(1)}.`;
}

/**
 * @param {() => number} next
 * @param {number} sentences
 */
function paragraph(next, sentences = 5) {
  return Array.from({ length: sentences }, () => sentence(next)).join(' ');
}

/**
 * A 16×9 PNG of one colour, so posts with figures have a real image beside them.
 * @param {number} seed
 */
function png(seed) {
  const [w, h] = [16, 9];
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 3, seed % 256)]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  /** @param {Buffer} buffer */
  const crc = (buffer) => {
    let c = 0xffffffff;
    for (const byte of buffer) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  /**
   * @param {string} type
   * @param {Buffer} data
   */
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** @param {number} i */
export function slugOf(i) {
  return `post-${String(i).padStart(5, '0')}`;
}

/**
 * The markdown of post `i` of `count`, and whether it has an image beside it.
 * @param {number} i
 * @param {number} count
 */
function syntheticPost(i, count) {
  const next = random(i + 1);
  const date = new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
  const tags = [TAGS[i % TAGS.length], TAGS[(i * 7 + 3) % TAGS.length]];
  const withImage = i % 10 === 0;
  const other = slugOf((i + 1) % count);
  const sections = [];
  for (let s = 0; s < 6; s++) {
    sections.push(
      `## ${sentence(next).slice(0, 40).replace(/\.$/, '')}\n\n${paragraph(next, 7)}\n\n${paragraph(next, 6)}`,
    );
  }
  const body = [
    paragraph(next, 4),
    sections[0],
    `- ${sentence(next)}\n- ${sentence(next)}\n- ${sentence(next)}`,
    sections[1],
    '```python\nimport torch_xla.core.xla_model as xm\n\ndevice = xm.xla_device()\nfor step, batch in enumerate(loader):\n    loss = model(batch.to(device))\n    xm.mark_step()\n```',
    sections[2],
    '| batch | tokens/s | p50 ms | p99 ms |\n| ----: | -------: | -----: | -----: |\n| 1 | 212 | 4.7 | 6.1 |\n| 8 | 1490 | 5.4 | 7.9 |\n| 32 | 4870 | 6.6 | 9.8 |',
    sections[3],
    withImage ? '![Latency by batch size](./figure.png)' : '',
    i % 5 === 0
      ? 'Attention costs $O(n^2)$ in the sequence length:\n\n$$\n\\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d}}\\right)V\n$$'
      : '',
    sections[4],
    `See also [an earlier note](/posts/${other}/) and [the XLA documentation](https://openxla.org/xla).`,
    sections[5],
  ];
  const markdown = `---\ntitle: "Notes on ${WORDS[i % WORDS.length]} ${WORDS[(i * 3) % WORDS.length]}, part ${i}"\ndate: ${date}\ntags: [${tags.join(', ')}]\n---\n\n${body.filter(Boolean).join('\n\n')}\n`;
  return { slug: slugOf(i), markdown, withImage };
}

/**
 * Writes `count` synthetic posts into `dir` (which should be empty).
 * @param {string} dir
 * @param {number} count
 */
export async function writeSyntheticPosts(dir, count) {
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const post = syntheticPost(i, count);
    if (post.withImage) {
      await mkdir(path.join(dir, post.slug), { recursive: true });
      await writeFile(path.join(dir, post.slug, 'index.md'), post.markdown);
      await writeFile(path.join(dir, post.slug, 'figure.png'), png(i));
    } else {
      await writeFile(path.join(dir, `${post.slug}.md`), post.markdown);
    }
  }
}
