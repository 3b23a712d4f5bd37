import { describe, expect, test } from 'vitest';
import { render } from '../../../test/render-post.ts';

describe('math errors', () => {
  test('every one has its line: inline, display on its own lines, and a math block', async () => {
    const { problems } = await render(
      '\nA sum $\\frac{a$ here.\n\n$$\n\\sum_{i}\n\\frac{b\n$$\n\n```math\n\\nope\n```\n\n$$x \\alsonope$$\n',
    );
    expect(problems.map((problem) => /^post:(\d+) math: /.exec(problem)?.[1])).toEqual(['6', '8', '13', '17']);
  });
});
