// Everything a notebook shows as HTML — rendered markdown, `text/html` outputs, HTML from an imported
// .ipynb, run and model descriptions — passes through DOMPurify first. A notebook file is untrusted input: it may come
// from anyone, and the page it renders into holds every run, model and file of the user.
import DOMPurify, { type Config } from 'dompurify';
import { Marked } from 'marked';
import { t } from './i18n/t';

const CONFIG: Config = {
  // DOMPurify already drops <script>, event-handler attributes and `javascript:`/`data:` URLs in links.
  // Also refused: <style> (it would restyle the whole app), forms and frames (phishing, navigation).
  FORBID_TAGS: [
    'style',
    'form',
    'input',
    'button',
    'textarea',
    'select',
    'iframe',
    'frame',
    'object',
    'embed',
    'base',
    'meta',
    'link',
  ],
  FORBID_ATTR: ['style', 'formaction', 'srcset'],
  // ids and names from a notebook could shadow the page's own (DOM clobbering): prefix them.
  SANITIZE_NAMED_PROPS: true,
};

/**
 * A remote image is not fetched until the user asks: fetching it would tell its server that this
 * notebook was opened (and from where). It becomes a button ("Load image … from host") that puts the
 * image in its place when clicked. Other remote resources an element would fetch by itself (media,
 * backgrounds, SVG references, link pings) are dropped; links still open on a click, in a new tab.
 */
const REMOTE_SRC = 'data-kiroku-remote-src';
const FETCHING_ATTRS = ['src', 'poster', 'background', 'href', 'xlink:href'];

function remoteUrl(value: string): URL | null {
  try {
    const url = new URL(value, document.baseURI);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin !== location.origin ? url : null;
  } catch {
    return null;
  }
}

let hooked = false;
function purifier() {
  if (!hooked) {
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      node.removeAttribute(REMOTE_SRC); // only this hook sets it
      // Links leave the app in a new tab, without giving the opened page a handle on this one.
      if (node.tagName === 'A') {
        node.removeAttribute('ping');
        if (node.getAttribute('href') && !node.getAttribute('href')!.startsWith('#')) {
          node.setAttribute('target', '_blank');
          node.setAttribute('rel', 'noopener noreferrer');
        }
        return;
      }
      for (const name of FETCHING_ATTRS) {
        const value = node.getAttribute(name);
        if (!value || !remoteUrl(value)) continue;
        if (node.tagName === 'IMG' && name === 'src') node.setAttribute(REMOTE_SRC, value);
        node.removeAttribute(name);
      }
    });
    addEventListener('click', loadRemoteImage);
    hooked = true;
  }
  return DOMPurify;
}

/** The placeholder of a remote image: a button naming the image and its host. */
function remoteImageButton(img: Element): HTMLButtonElement {
  const url = remoteUrl(img.getAttribute(REMOTE_SRC) ?? '');
  const alt = img.getAttribute('alt') ?? '';
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'remote-image';
  button.setAttribute(REMOTE_SRC, url?.href ?? '');
  button.dataset.alt = alt;
  const host = url?.host ?? t('misc.anotherSite');
  button.textContent = alt ? t('misc.loadImageAlt', { alt, host }) : t('misc.loadImage', { host });
  return button;
}

function loadRemoteImage(event: Event): void {
  const button = (event.target as Element | null)?.closest?.(`button.remote-image[${REMOTE_SRC}]`);
  const url = button && remoteUrl(button.getAttribute(REMOTE_SRC) ?? '');
  if (!button || !url) return;
  const img = document.createElement('img');
  img.src = url.href;
  img.alt = (button as HTMLElement).dataset.alt ?? '';
  button.replaceWith(img);
}

/** HTML that is safe to put into the page with `innerHTML`, and fetches nothing until the user clicks. */
export function sanitizeHtml(html: string): string {
  const fragment = purifier().sanitize(html, { ...CONFIG, RETURN_DOM_FRAGMENT: true });
  for (const img of fragment.querySelectorAll(`img[${REMOTE_SRC}]`)) img.replaceWith(remoteImageButton(img));
  const box = document.createElement('div');
  box.append(fragment);
  return box.innerHTML;
}

/** An SVG file as an image to show: no script, handler or foreign content left (DOMPurify's SVG profile). */
export function sanitizeSvg(svg: string): string {
  return purifier().sanitize(svg, {
    USE_PROFILES: { svg: true, svgFilters: true },
    RETURN_TRUSTED_TYPE: false,
  }) as string;
}

// GitHub-flavoured markdown; raw HTML inside markdown is allowed by marked and cleaned by DOMPurify.
const marked = new Marked({ gfm: true, breaks: false, async: false });

/** Markdown (a markdown cell, a `text/markdown` output) rendered to safe HTML. */
export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown, { async: false }) as string);
}
