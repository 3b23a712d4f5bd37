import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { copyText } from '../clipboard.ts';
import { followClientLink } from '../client-links.ts';
import { playVideo } from '../video-embeds.ts';

/**
 * A post's content, with code that copies and video previews that play. Its links are plain
 * anchors; those to the blog's pages are followed client-side like every other link.
 */
export function PostBody({ html }: { html: string }) {
  const navigate = useNavigate();
  const body = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState('');
  useEffect(() => addCopyButtons(body.current, setStatus), [html]);
  useEffect(() => focusableWhenScrolling(body.current), [html]);
  return (
    <>
      {/* HTML rendered at build time from our own posts; raw HTML in them passed an allow-list sanitiser. */}
      <div
        className="prose"
        ref={body}
        onClick={(event) => {
          playVideo(event);
          followClientLink(event, navigate);
        }}
        dangerouslySetInnerHTML={{ __html: html }}
      />
      <p role="status" className="visually-hidden">
        {status}
      </p>
    </>
  );
}

/**
 * A copy button in each code block's header, or over its top corner when it has none:
 * added by the script, so without JavaScript there is none, and in room the stylesheet
 * keeps for it, so nothing moves when it appears.
 */
function addCopyButtons(body: HTMLElement | null, announce: (text: string) => void): void {
  for (const block of body?.querySelectorAll('.code-block') ?? []) {
    if (block.querySelector('.copy-button')) continue;
    const header = block.querySelector('.code-header') ?? block;
    const title = block.querySelector('.code-title')?.textContent;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy-button';
    button.textContent = 'Copy';
    button.setAttribute('aria-label', title ? `Copy ${title}` : 'Copy code');
    button.addEventListener('click', () => {
      void copyText(block.querySelector('pre')?.textContent ?? '', title ?? 'the code').then(({ copied, message }) => {
        announce(message);
        if (!copied) return;
        button.textContent = 'Copied';
        setTimeout(() => {
          button.textContent = 'Copy';
          announce('');
        }, 2000);
      });
    });
    header.append(button);
  }
}

/**
 * A display formula wider than the page scrolls in its box; such a box can take the focus,
 * so that a keyboard scrolls it too (the build cannot know which boxes will scroll: that
 * depends on the reader's screen). Checked again when the window changes size.
 */
function focusableWhenScrolling(body: HTMLElement | null): (() => void) | undefined {
  if (!body) return undefined;
  const mark = () => {
    for (const box of body.querySelectorAll<HTMLElement>('.math-display')) {
      if (box.scrollWidth > box.clientWidth) box.tabIndex = 0;
      else box.removeAttribute('tabindex');
    }
  };
  mark();
  window.addEventListener('resize', mark);
  return () => window.removeEventListener('resize', mark);
}
