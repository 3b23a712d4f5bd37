import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { copyText } from '../clipboard.ts';
import { matchRoute } from '../routes.ts';

/** A post's content, with links to the blog's pages followed client-side and code that copies. */
export function PostBody({ html }: { html: string }) {
  const followLink = useClientLinks();
  const body = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState('');
  useEffect(() => addCopyButtons(body.current, setStatus), [html]);
  return (
    <>
      {/* HTML rendered at build time from our own posts; raw HTML in them passed an allow-list sanitiser. */}
      <div className="prose" ref={body} onClick={followLink} dangerouslySetInnerHTML={{ __html: html }} />
      <p role="status" className="visually-hidden">
        {status}
      </p>
    </>
  );
}

/** A copy button in each code block's header: added by the script, so without JavaScript there is none. */
function addCopyButtons(body: HTMLElement | null, announce: (text: string) => void): void {
  for (const block of body?.querySelectorAll('.code-block') ?? []) {
    if (block.querySelector('.copy-button')) continue;
    let header = block.querySelector('.code-header');
    if (!header) {
      header = document.createElement('div');
      header.className = 'code-header';
      block.prepend(header);
    }
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
 * Links inside a post's HTML are plain anchors; those to the blog's own pages are
 * followed client-side like every other link, the rest (files, other sites) as usual.
 */
function useClientLinks() {
  const navigate = useNavigate();
  return (event: MouseEvent<HTMLElement>) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    const anchor = event.target instanceof Element ? event.target.closest('a') : null;
    if (!anchor || (anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, window.location.href);
    const base = import.meta.env.BASE_URL;
    if (url.origin !== window.location.origin || !url.pathname.startsWith(base)) return;
    const path = `/${url.pathname.slice(base.length)}`;
    if (!matchRoute(path)) return;
    if (path === window.location.pathname.slice(base.length - 1) && url.hash) return;
    event.preventDefault();
    navigate(`${path}${url.search}${url.hash}`);
  };
}
