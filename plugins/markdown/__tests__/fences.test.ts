import { describe, expect, test } from 'vitest';
import { fences } from '../fences.ts';

const codeLines = (text: string) =>
  fences(text.split('\n'))
    .inCode.map((code, i) => (code ? i + 1 : 0))
    .filter(Boolean);

describe('fenced code, as CommonMark reads it', () => {
  test('a fence runs to a line of the same character, at least as long, with nothing after it', () => {
    expect(codeLines('a\n```js\nx\n``\n~~~\n```` \nb')).toEqual([2, 3, 4, 5, 6]);
    expect(codeLines('~~~~\n~~~\n```\n~~~~~\nb')).toEqual([1, 2, 3, 4]);
    expect(codeLines('```\n``` not a close\n```\nb')).toEqual([1, 2, 3]);
  });

  test('four spaces in, or backticks in a backtick fence’s info, open nothing', () => {
    expect(codeLines('    ```\nb\n```a`b\nc')).toEqual([]);
    expect(codeLines('   ~~~ a`b\nc')).toEqual([1, 2]);
  });

  test('a fence left open runs to the end, and says which it was', () => {
    expect(fences(['text', '~~~~', 'code'])).toEqual({ inCode: [false, true, true], open: '~~~~' });
    expect(fences(['```', '```'])).toEqual({ inCode: [true, true] });
  });
});
