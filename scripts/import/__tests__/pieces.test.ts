import { describe, expect, test } from 'vitest';
import { normalizeDate } from '../dates.ts';
import { readSource } from '../source.ts';
import { escapedMath } from '../syntax/escaped-math.ts';
import { kramdown } from '../syntax/kramdown.ts';
import { finish, Held } from '../syntax/marks.ts';
import type { SyntaxContext } from '../types.ts';

function context() {
  const counts: Record<string, number> = {};
  const left: string[] = [];
  const syntax: SyntaxContext = {
    tool: 'jekyll',
    postAddress: () => undefined,
    count: (what, times = 1) => (counts[what] = (counts[what] ?? 0) + times),
    leave: (index, what) => left.push(`${index}: ${what}`),
  };
  return { syntax, counts, left };
}

describe('dates', () => {
  test.each([
    ['2017-08-20 00:23:00', '2017-08-20T00:23:00'],
    ['2023-05-14 09:30:00 +0200', '2023-05-14T09:30:00+02:00'],
    ['2024-03-02T10:00:00Z', '2024-03-02T10:00:00Z'],
    ['2024/3/2', '2024-03-02'],
    ['Jul 08 2024', '2024-07-08'],
    ['March 22, 2023', '2023-03-22'],
    ['22 March 2023', '2023-03-22'],
  ])('%s is %s', (written, ours) => expect(normalizeDate(written)).toBe(ours));

  test('a date that does not exist, or no date, is none', () => {
    expect(normalizeDate('2023-02-30')).toBeUndefined();
    expect(normalizeDate('soon')).toBeUndefined();
    expect(normalizeDate(20230101)).toBeUndefined();
  });
});

describe('front matter as the old tools read it', () => {
  test('a quoted value whose further lines start at the margin (Hugo takes it)', () => {
    const source = readSource('---\ntitle: "A"\ndescription: "one\ntwo"\ndate: 2021-05-13\n---\n\nText.\n');
    expect(source.problem).toBeUndefined();
    expect(source.fields).toEqual({ title: 'A', description: 'one two', date: '2021-05-13' });
    expect(source.bodyLine).toBe(7);
  });

  test('TOML and its line numbers; a broken one is a problem with its line', () => {
    const source = readSource('+++\ntitle = "T"\ndate = 2024-03-02\n+++\nText\n');
    expect(source.fieldLines).toEqual({ title: 2, date: 3 });
    expect(readSource('+++\ntitle = "T\n+++\n').problem?.message).toMatch(/^the TOML front matter cannot be read/);
  });
});

describe('kramdown’s $$', () => {
  test('inside a sentence it is inline, paired in order; alone, or around an environment, it is display', () => {
    const { syntax } = context();
    const text = [
      'Let $$x$$ and $$y_1$$ be given, denoted as $$a',
      ', b$$. Then $$d$$.',
      '',
      '$$',
      'x = 1',
      '$$',
      '',
      'Inline $$\\begin{aligned} a \\end{aligned}$$ stays.',
    ].join('\n');
    expect(kramdown(text, syntax)).toBe(
      [
        'Let $x$ and $y_1$ be given, denoted as $a',
        ', b$. Then $d$.',
        '',
        '$$',
        'x = 1',
        '$$',
        '',
        'Inline $$\\begin{aligned} a \\end{aligned}$$ stays.',
      ].join('\n'),
    );
  });

  test('an attribute line goes, and the lines of the rest stay where they were', () => {
    const { syntax, left } = context();
    const held = new Held();
    const converted = kramdown('Para\n{: .lead}\n\n{::options parse_block_html="true" /}\nEnd', syntax);
    expect(left).toEqual(['3: kramdown extension {::options}']);
    expect(finish(converted, held)).toBe('Para\n\n{::options parse_block_html="true" /}\nEnd\n');
  });
});

describe('formulas escaped for Hugo’s markdown', () => {
  test('get back the TeX their readers saw, in posts with that habit only', () => {
    const { syntax } = context();
    expect(escapedMath('$a\\_1 \\* b$ and $$x\\\\\\\\ y\\_{2}$$ and `\\_` in code', syntax)).toBe(
      '$a_1 * b$ and $$x\\\\ y_{2}$$ and `\\_` in code',
    );
    expect(escapedMath('$\\{a\\}$', syntax)).toBe('$\\{a\\}$');
  });
});
