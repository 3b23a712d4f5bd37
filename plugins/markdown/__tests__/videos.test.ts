import { describe, expect, test } from 'vitest';
import { render } from '../../../test/render-post.ts';
import { playerOf } from '../videos.ts';

describe('YouTube and Vimeo addresses', () => {
  test.each([
    ['https://www.youtube.com/watch?v=aircAruvnKk', 'https://www.youtube-nocookie.com/embed/aircAruvnKk?autoplay=1'],
    ['https://youtu.be/aircAruvnKk?t=1m30s', 'https://www.youtube-nocookie.com/embed/aircAruvnKk?autoplay=1&start=90'],
    ['https://m.youtube.com/shorts/aircAruvnKk', 'https://www.youtube-nocookie.com/embed/aircAruvnKk?autoplay=1'],
    [
      'https://www.youtube.com/embed/aircAruvnKk?start=5',
      'https://www.youtube-nocookie.com/embed/aircAruvnKk?autoplay=1&start=5',
    ],
    [
      'https://www.youtube.com/embed/videoseries?si=x1&list=PLitrm9Und',
      'https://www.youtube-nocookie.com/embed/videoseries?list=PLitrm9Und&autoplay=1',
    ],
    [
      'https://www.youtube.com/playlist?list=PLitrm9Und',
      'https://www.youtube-nocookie.com/embed/videoseries?list=PLitrm9Und&autoplay=1',
    ],
    ['https://vimeo.com/76979871', 'https://player.vimeo.com/video/76979871?autoplay=1&dnt=1'],
    ['https://vimeo.com/76979871/a1b2c3d4e5', 'https://player.vimeo.com/video/76979871?autoplay=1&dnt=1&h=a1b2c3d4e5'],
    ['https://player.vimeo.com/video/76979871', 'https://player.vimeo.com/video/76979871?autoplay=1&dnt=1'],
  ])('%s plays from %s', (address, embed) => {
    expect(playerOf(address)?.embed).toBe(embed);
  });

  test.each([
    'https://www.youtube.com/channel/UC123',
    'https://vimeo.com/channels/staffpicks',
    'https://example.org/watch?v=aircAruvnKk',
  ])('%s is no video', (address) => {
    expect(playerOf(address)).toBeUndefined();
  });
});

describe('video in posts', () => {
  test('a video link in a sentence stays a link; alone on its line it is a preview', async () => {
    const { html, problems } = await render(
      '\nWatch [the talk](https://youtu.be/aircAruvnKk) first.\n\n[The talk](https://youtu.be/aircAruvnKk)\n',
    );
    expect(problems).toEqual([]);
    expect(html).toContain('<p>Watch <a href="https://youtu.be/aircAruvnKk">the talk</a> first.</p>');
    expect(html).toContain(
      '<figure class="video-embed"><a href="https://www.youtube.com/watch?v=aircAruvnKk" class="video-embed-play" data-embed="https://www.youtube-nocookie.com/embed/aircAruvnKk?autoplay=1"><span class="video-embed-title">The talk</span>',
    );
  });

  test("a video site's iframe is a preview; any other iframe is removed, with a warning", async () => {
    const { html, warnings } = await render(
      '\n<iframe src="https://player.vimeo.com/video/76979871" title="The demo"></iframe>\n\n<iframe src="https://example.org/widget"></iframe>\n',
    );
    expect(html).toContain('<span class="video-embed-title">The demo</span>');
    expect(html).not.toContain('example.org/widget');
    expect(warnings).toEqual(['post:8 <iframe> is not allowed in posts and was removed']);
  });

  test('an image whose file is a video plays', async () => {
    const { html, problems } = await render('\n![A demo](./demo.webm)\n', { 'demo.webm': Buffer.from('a video') });
    expect(problems).toEqual([]);
    expect(html).toMatch(
      /<video src="\/assets\/demo-[0-9a-f]{8}\.webm" controls="" preload="metadata" aria-label="A demo">/,
    );
  });

  test('without alt text, or missing, it is a problem with its line', async () => {
    const { problems } = await render('\n![](./demo.webm)\n\n![Gone](./gone.mp4)\n', {
      'demo.webm': Buffer.from('a video'),
    });
    expect(problems).toEqual([
      'post:6 the video ./demo.webm has no alt text; say what it shows: ![what it shows](./demo.webm)',
      "post:8 file not found: ./gone.mp4 (paths are relative to the post's file)",
    ]);
  });
});
