import { isPlainClick, type Click } from './client-links.ts';

/**
 * A click on a video preview (plugins/markdown/videos.ts) puts the player in its place:
 * only now does the page load anything from the video's site. A modified click (a new tab,
 * say) follows the link to the video's own page, as without JavaScript.
 */
export function playVideo(event: Click): void {
  if (!isPlainClick(event)) return;
  const link = event.target instanceof Element ? event.target.closest<HTMLAnchorElement>('a[data-embed]') : null;
  // Only the players the build makes previews for (the sanitiser removes a post's own data-embed).
  if (!link?.dataset.embed || !/^https:\/\/(www\.youtube-nocookie\.com|player\.vimeo\.com)\//.test(link.dataset.embed))
    return;
  event.preventDefault();
  const player = document.createElement('iframe');
  player.src = link.dataset.embed;
  player.title = link.querySelector('.video-embed-title')?.textContent ?? 'Video';
  player.allow = 'autoplay; encrypted-media; picture-in-picture; fullscreen';
  player.allowFullscreen = true;
  player.referrerPolicy = 'strict-origin-when-cross-origin';
  link.replaceWith(player);
  player.focus();
}
