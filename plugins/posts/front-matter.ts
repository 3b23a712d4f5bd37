// A post's front matter: split from the file, parsed as YAML with line numbers, and
// checked against one schema (the fields in docs/writing.md, and nothing else).
import { LineCounter, isMap, isScalar, parseDocument } from 'yaml';
import { z } from 'zod';
import type { Finding } from '../problems.ts';

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

/** How many times the front matter may use YAML aliases (`*name`): enough for any post, too few to explode. */
const MAX_ALIASES = 100;

/** How deeply front matter may nest lists and mappings; the deepest field (`tags`) is one level. */
const MAX_YAML_NESTING = 20;

/**
 * The deepest nesting of the YAML, counted before parsing it (the parser recurses once per
 * level): brackets still open, plus indentation in steps of two spaces.
 */
function yamlNesting(lines: string[]): { line: number; depth: number } | undefined {
  let open = 0;
  let deepest: { line: number; depth: number } | undefined;
  lines.forEach((text, i) => {
    const unquoted = text.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, '');
    let peak = open;
    for (const char of unquoted) {
      if (char === '#') break;
      if (char === '[' || char === '{') peak = Math.max(peak, ++open);
      else if (char === ']' || char === '}') open = Math.max(0, open - 1);
    }
    const depth = peak + Math.floor((text.length - text.trimStart().length) / 2);
    if (depth > MAX_YAML_NESTING && depth > (deepest?.depth ?? 0)) deepest = { line: i + 2, depth };
  });
  return deepest;
}

/** Whether `value` is a date the schema takes: YYYY-MM-DD, with a time if any, that exists. */
export function isRealDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const timeOk =
    match[4] === undefined || (Number(match[4]) < 24 && Number(match[5]) < 60 && Number(match[6] ?? 0) < 60);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && timeOk;
}

function describe(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}

const dateField = z
  .string({
    error: (issue) =>
      issue.input === undefined ? 'is required (YYYY-MM-DD)' : `expected YYYY-MM-DD, got ${describe(issue.input)}`,
  })
  .refine(isRealDate, { error: (issue) => `expected a real date as YYYY-MM-DD, got ${describe(issue.input)}` });

const text = (what: string) =>
  z
    .string({
      error: (issue) => {
        if (issue.input === undefined) return 'is required';
        const quoted =
          typeof issue.input === 'number' || typeof issue.input === 'boolean'
            ? ` (write it in quotes: "${issue.input}")`
            : '';
        return `expected ${what}, got ${describe(issue.input)}${quoted}`;
      },
    })
    .trim()
    .min(1, { error: 'must not be empty' });

/** The front matter schema: the documented fields, and nothing else. */
const frontMatterSchema = z.strictObject({
  title: text('text'),
  date: dateField,
  description: text('one sentence of text').optional(),
  tags: z
    .array(text('a tag name'), {
      error: (issue) => `expected a list such as [pytorch, tpu], got ${describe(issue.input)}`,
    })
    .optional(),
  draft: z.boolean({ error: (issue) => `expected true or false, got ${describe(issue.input)}` }).optional(),
  updated: dateField.optional(),
  toc: z.boolean({ error: (issue) => `expected true or false, got ${describe(issue.input)}` }).optional(),
  bibliography: text('the path of a BibTeX file beside the post, such as ./refs.bib').optional(),
  image: text('the path of an image beside the post, such as ./cover.png').optional(),
  aliases: z
    .array(
      z
        .string({ error: (issue) => `expected a list of old addresses, got ${describe(issue.input)} in it` })
        .refine(isAliasPath, {
          error: (issue) =>
            `${JSON.stringify(issue.input)} is not an address on this site: write the old address's path, starting with / and without its domain (such as /2018/06/24/old-name.html)`,
        }),
      {
        error: (issue) => `expected a list of old addresses such as ["/2018/06/24/old-name.html"], got ${describe(issue.input)}`,
      },
    )
    .optional(),
});

/**
 * An old address of a post (`aliases`): a path on this site, as the old site's links had it,
 * with no query, fragment or `..`, and not inside the folders the build writes its own files to.
 */
export function isAliasPath(value: string): boolean {
  if (!/^\/(?!\/)[^\s?#\\]*$/.test(value)) return false;
  let path: string;
  try {
    path = decodeURI(value);
  } catch {
    return false;
  }
  return !path.split('/').some((segment) => segment === '..' || segment === '.');
}

export type FrontMatter = z.infer<typeof frontMatterSchema>;
const FIELDS = Object.keys(frontMatterSchema.shape);

function closestField(name: string): string | undefined {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0]!;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const current = row[j]!;
        row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = current;
      }
    }
    return row[b.length]!;
  };
  const lower = name.toLowerCase();
  return FIELDS.find((field) => distance(lower, field) <= 2);
}

export interface FrontMatterResult {
  data?: FrontMatter;
  /**
   * When the front matter has problems, its `tags` and `draft` if those are right: the post
   * is refused, yet links to it and to its tags are not a second problem in other posts.
   */
  salvaged?: Pick<FrontMatter, 'tags' | 'draft'>;
  problems: Finding[];
  /** The file line of each top-level field, when the front matter is right (for problems found later). */
  lines?: Record<string, number>;
  /** The file cannot be read as a post at all (a notebook that is not one): nothing to render. */
  unreadable?: true;
}

/**
 * Splits and validates the front matter of a file's lines; line numbers are the file's own.
 * `bodyFollows`: the post's text must follow in the same lines (not in a notebook's cell of
 * front matter, which holds nothing else).
 */
export function readFrontMatter(lines: string[], bodyFollows = true): FrontMatterResult {
  if (lines.length === 1 && lines[0]!.trim() === '') return { problems: [{ line: 1, message: 'the file is empty' }] };
  if (lines[0]!.trimEnd() !== '---') {
    return {
      problems: [{ line: 1, message: 'the file must start with front matter: a --- line, title: and date:, then ---' }],
    };
  }
  const end = lines.findIndex((line, i) => i > 0 && line.trimEnd() === '---');
  if (end === -1) return { problems: [{ line: 1, message: 'the front matter has no closing --- line' }] };
  const bodyProblems: Finding[] = bodyFollows && lines.slice(end + 1).every((line) => line.trim() === '')
    ? [{ line: end + 1, message: 'the post has no text after its front matter' }]
    : [];
  const parsed = parseYaml(lines.slice(1, end).join('\n'));
  if ('problems' in parsed) return parsed;
  const checked = frontMatterSchema.safeParse(parsed.value ?? {});
  if (checked.success) return { data: checked.data, problems: bodyProblems, lines: Object.fromEntries(parsed.lines) };
  return {
    salvaged: salvage(parsed.value),
    problems: [...bodyProblems, ...checked.error.issues.flatMap((issue) => describeIssue(issue, parsed.lines))],
  };
}

function salvage(value: unknown): FrontMatterResult['salvaged'] {
  const { tags, draft } = frontMatterSchema.shape;
  const fields = z.object({ tags, draft }).safeParse(value ?? {});
  return fields.success ? fields.data : undefined;
}

/** The YAML as plain data, with the file line of each top-level field. */
function parseYaml(yaml: string): { value: unknown; lines: Map<string, number> } | { problems: Finding[] } {
  const tooDeep = yamlNesting(yaml.split('\n'));
  if (tooDeep) {
    const message = `the front matter is nested ${tooDeep.depth.toLocaleString('en-US')} levels deep (lists or mappings inside each other); the limit is ${MAX_YAML_NESTING}`;
    return { problems: [{ line: tooDeep.line, message }] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const fileLine = (offset: number) => lineCounter.linePos(offset).line + 1;
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((error) => ({
        line: fileLine(error.pos[0]),
        message: `YAML syntax error: ${error.message.split(' at line ')[0]}`,
      })),
    };
  }
  const lines = new Map<string, number>();
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isScalar(pair.key) && pair.key.range) lines.set(String(pair.key.value), fileLine(pair.key.range[0]));
    }
  } else if (doc.contents !== null) {
    return { problems: [{ line: 2, message: 'the front matter must be "field: value" lines' }] };
  }
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIASES }), lines };
  } catch (error) {
    // The yaml library refuses alias chains that would expand past the limit ("billion laughs").
    const aliases = error instanceof Error && /alias/i.test(error.message);
    const message = aliases
      ? `YAML aliases (*name) expand too far; the limit is ${MAX_ALIASES} uses. Write the values out instead`
      : `the front matter could not be read: ${error instanceof Error ? error.message : String(error)}`;
    return { problems: [{ line: 2, message }] };
  }
}

function describeIssue(issue: z.core.$ZodIssue, lines: Map<string, number>): Finding[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const suggestion = closestField(key);
      return {
        line: lines.get(key),
        field: key,
        message: `unknown field${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; allowed: ${FIELDS.join(', ')}`,
      };
    });
  }
  const field = String(issue.path[0] ?? '');
  return [{ line: lines.get(field) ?? 1, field: issue.path.map(String).join('.') || undefined, message: issue.message }];
}
