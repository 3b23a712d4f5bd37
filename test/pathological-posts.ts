// Posts that try to crash, exhaust or hang the build, generated rather than stored (some
// are megabytes). Each says what the build should do with it: publish it, or refuse it
// naming the file and the problem.

interface PathologicalPost {
  /** The post's slug (its file is `<slug>.md`). */
  slug: string;
  text: string;
  /** The problem the build reports, after `posts/<slug>.md[:line] `; undefined when the post is published. */
  problem?: RegExp;
}

const frontMatter = (title: string) => `---\ntitle: ${title}\ndate: 2024-01-01\n---\n\n`;

const billionLaughs = [
  '---',
  'title: Laughs',
  'date: 2024-01-01',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map(
    (name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`,
  ),
  '---',
  '',
  'Text.',
].join('\n');

export const PATHOLOGICAL_POSTS: PathologicalPost[] = [
  {
    slug: 'billion-laughs',
    text: billionLaughs,
    problem: /^:2 YAML aliases \(\*name\) expand too far; the limit is 100 uses/,
  },
  {
    slug: 'deep-yaml-flow',
    text: `---\ntitle: Flow\ndate: 2024-01-01\ntags: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n---\n\nText.\n`,
    problem: /^:4 the front matter is nested 20,000 levels deep .*; the limit is 20$/,
  },
  {
    slug: 'deep-yaml-indent',
    text: `---\ntitle: Indent\ndate: 2024-01-01\na:\n${Array.from({ length: 3_000 }, (_, i) => `${'  '.repeat(i + 1)}b:`).join('\n')}\n---\n\nText.\n`,
    problem: /^:3004 the front matter is nested 3,000 levels deep .*; the limit is 20$/,
  },
  {
    slug: 'deep-quotes',
    text: `${frontMatter('Quotes')}${'>'.repeat(20_000)} deep\n`,
    problem: /^:6 nested 20,000 levels deep .*; the limit is 100$/,
  },
  {
    slug: 'deep-html',
    text: `${frontMatter('Divs')}${'<div>'.repeat(50_000)}x${'</div>'.repeat(50_000)}\n`,
    problem: /^(:\d+)? nested .*; the limit is 100( levels)?$/,
  },
  {
    slug: 'deep-list',
    text: `${frontMatter('List')}${Array.from({ length: 3_000 }, (_, i) => `${'  '.repeat(i)}- item ${i}`).join('\n')}\n`,
    problem: /^:3005 nested 3,000 levels deep .*; the limit is 100$/,
  },
  {
    slug: 'deep-list-moderate',
    text: `${frontMatter('List')}${Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}- item ${i}`).join('\n')}\n`,
    problem: /^:\d+ nested \d+ levels deep .*; the limit is 100$/,
  },
  {
    slug: 'deep-html-moderate',
    text: `${frontMatter('Spans')}<p>${'<span>'.repeat(1_000)}x${'</span>'.repeat(1_000)}</p>\n`,
    problem: /^:6 nested 1,00\d levels deep .*; the limit is 100$/,
  },
  { slug: 'brackets', text: `${frontMatter('Brackets')}${'['.repeat(100_000)}\n` },
  {
    slug: 'emphasis',
    text: `${frontMatter('Emphasis')}${'*_'.repeat(50_000)}\n`,
    problem: /^:6 a paragraph with 100,000 emphasis markers and links .*; the limit is 5,000$/,
  },
  {
    slug: 'emphasis-lines',
    text: `${frontMatter('Emphasis')}${Array.from({ length: 2_000 }, () => 'a *b* _c_ ~d~').join('\n')}\n`,
    problem: /^:6 a paragraph with 12,000 emphasis markers and links .*; the limit is 5,000$/,
  },
  {
    slug: 'links',
    text: `${frontMatter('Links')}${'[a]('.repeat(40_000)}\n`,
    problem: /^:6 a paragraph with 40,000 emphasis markers and links .*; the limit is 5,000$/,
  },
  {
    slug: 'emphasis-in-table',
    text: `${frontMatter('Table')}| a | b |\n| - | - |\n${Array.from({ length: 3_000 }, (_, i) => `| *x${i}* | snake_case_name |`).join('\n')}\n`,
  },
  {
    slug: 'references',
    text: `${frontMatter('References')}${Array.from({ length: 20_000 }, (_, i) => `[r${i}]: https://example.org/${i}`).join('\n')}\n\n${Array.from({ length: 20_000 }, (_, i) => `[r${i}]`).join(' ')}\n`,
  },
  { slug: 'long-line', text: `${frontMatter('Long line')}${'word '.repeat(1_000_000)}\n` },
  {
    slug: 'control-characters',
    text: `${frontMatter('Controls')}NUL \u0000 and bidi \u202e\u2066 reversed\u2069\u202c text.\n`,
  },
  {
    slug: 'endless-macro',
    text: `${frontMatter('Macro')}$\\def\\a{\\a}\\a$\n`,
    problem: /^:6 math: Too many expansions/,
  },
];
