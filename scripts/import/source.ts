// One post file of the old blog: its front matter (YAML between `---`, Hugo's TOML between
// `+++` or JSON in braces) as plain data with the line of each field, and its text.
import { parse as parseToml } from 'smol-toml';
import { LineCounter, isMap, isScalar, parseDocument } from 'yaml';

export interface SourceFile {
  fields: Record<string, unknown>;
  /** The file line of each top-level field. */
  fieldLines: Record<string, number>;
  body: string;
  /** The file line of the body's first line. */
  bodyLine: number;
  /** Why the front matter could not be read (the post is then left for the author). */
  problem?: { line: number; message: string };
}

/** Splits and parses a post file; a file without front matter is all body. */
export function readSource(text: string): SourceFile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const fence = lines[0]?.trimEnd();
  if (fence === '---' || fence === '+++') {
    const end = lines.findIndex((line, i) => i > 0 && line.trimEnd() === fence);
    if (end === -1)
      return { ...noFields(lines, 0), problem: { line: 1, message: `the front matter has no closing ${fence}` } };
    const raw = lines.slice(1, end).join('\n');
    const parsed = fence === '---' ? parseYaml(raw) : parseTomlFields(raw);
    return { ...parsed, body: lines.slice(end + 1).join('\n'), bodyLine: end + 2 };
  }
  if (fence === '{') {
    // Hugo's JSON front matter: an object, then the text.
    const end = lines.findIndex((line) => line.trimEnd() === '}');
    try {
      const fields = JSON.parse(lines.slice(0, end + 1).join('\n')) as Record<string, unknown>;
      return {
        fields,
        fieldLines: fieldLinesByName(lines.slice(0, end + 1), 0),
        body: lines.slice(end + 1).join('\n'),
        bodyLine: end + 2,
      };
    } catch (error) {
      return {
        ...noFields(lines, 0),
        problem: { line: 1, message: `the JSON front matter cannot be read: ${(error as Error).message}` },
      };
    }
  }
  return noFields(lines, 0);
}

function noFields(lines: string[], from: number): SourceFile {
  return { fields: {}, fieldLines: {}, body: lines.slice(from).join('\n'), bodyLine: from + 1 };
}

function parseYaml(raw: string): Omit<SourceFile, 'body' | 'bodyLine'> {
  const strict = parseYamlStrictly(raw);
  if (!strict.problem) return strict;
  // Go's YAML (Hugo) takes a quoted value whose further lines start at the margin; YAML 1.2 wants them indented.
  const indented = raw
    .split('\n')
    .map((line) => (/^(?:[\w-]+\s*:|-\s|#|\s|$)/.test(line) ? line : `  ${line}`))
    .join('\n');
  const lenient = indented === raw ? strict : parseYamlStrictly(indented);
  return lenient.problem ? strict : lenient;
}

function parseYamlStrictly(raw: string): Omit<SourceFile, 'body' | 'bodyLine'> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(raw, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const error = doc.errors[0];
  if (error)
    return {
      fields: {},
      fieldLines: {},
      problem: {
        line: lineCounter.linePos(error.pos[0]).line + 1,
        message: `the YAML front matter cannot be read: ${error.message.split('\n')[0]}`,
      },
    };
  const fieldLines: Record<string, number> = {};
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isScalar(pair.key) && pair.key.range)
        fieldLines[String(pair.key.value)] = lineCounter.linePos(pair.key.range[0]).line + 1;
    }
  }
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  const fields = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  return { fields, fieldLines };
}

function parseTomlFields(raw: string): Omit<SourceFile, 'body' | 'bodyLine'> {
  try {
    return { fields: parseToml(raw) as Record<string, unknown>, fieldLines: fieldLinesByName(raw.split('\n'), 1) };
  } catch (error) {
    const line = (error as { line?: number }).line ?? 0;
    return {
      fields: {},
      fieldLines: {},
      problem: {
        line: line + 1,
        message: `the TOML front matter cannot be read: ${(error as Error).message.split('\n')[0]}`,
      },
    };
  }
}

/** `name = …`, `name: …` or `"name": …` at the start of a line: the field's line (after `offset` lines). */
function fieldLinesByName(lines: string[], offset: number): Record<string, number> {
  const found: Record<string, number> = {};
  lines.forEach((line, i) => {
    const match = /^\s*"?([\w-]+)"?\s*[=:]/.exec(line);
    if (match && !(match[1]! in found)) found[match[1]!] = i + 1 + offset;
  });
  return found;
}

/** The old blog's own settings file, as data: YAML, TOML or JSON by its extension. */
export function parseSettings(text: string, fileName: string): Record<string, unknown> {
  if (fileName.endsWith('.toml')) return parseToml(text) as Record<string, unknown>;
  if (fileName.endsWith('.json')) return JSON.parse(text) as Record<string, unknown>;
  const value: unknown = parseDocument(text, { uniqueKeys: false }).toJS();
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}
