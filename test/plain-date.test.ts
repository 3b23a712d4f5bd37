// Dates read without parsing the YAML (plugins/posts/plain-date.ts): only where YAML reads the same.
import { expect, test } from 'vitest';
import { parseDocument } from 'yaml';
import { plainDate } from '../plugins/posts/plain-date.ts';

const post = (frontMatter: string) => `---\ntitle: A post\n${frontMatter}\n---\n\nText.\n`;

test.each([
  ['date: 2024-03-01', '2024-03-01', false],
  ["date: '2024-03-01'", '2024-03-01', false],
  ['date: "2024-03-01T09:30:00+02:00"', '2024-03-01T09:30:00+02:00', false],
  ['date: 2024-03-01 09:30 # after breakfast', '2024-03-01 09:30', false],
  ['date: 2024-03-01\ndraft: true', '2024-03-01', true],
  ['draft: false\ndate: 2024-03-01', '2024-03-01', false],
])('%j reads as YAML does', (frontMatter, date, draft) => {
  expect(plainDate(post(frontMatter))).toEqual({ date, draft });
  const yaml = parseDocument(frontMatter).toJS() as { date: string; draft?: boolean };
  expect(String(yaml.date)).toBe(date);
  expect(yaml.draft ?? false).toBe(draft);
});

test.each([
  ['no front matter', 'date: 2024-03-01\n\nText.\n'],
  ['no date', post('tags: [a]')],
  ['two dates', post('date: 2024-03-01\ndate: 2024-03-02')],
  ['a folded date', post('date: >-\n  2024-03-01')],
  ['a date nested in a mapping', post('meta:\n  date: 2024-03-01')],
  ['a tagged date', post('date: !!str 2024-03-01')],
  ['a day that does not exist', post('date: 2024-02-30')],
  ['mismatched quotes', post('date: "2024-03-01\'')],
  ['a draft flag that is not true or false', post('date: 2024-03-01\ndraft: yes')],
  ['no closing line', '---\ntitle: A post\ndate: 2024-03-01\n'],
])('%s: left to the full parse', (_, text) => {
  expect(plainDate(text)).toBeUndefined();
});
