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
