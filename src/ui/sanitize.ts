// Everything a notebook shows as HTML — rendered markdown, `text/html` outputs, HTML from an imported
// .ipynb — passes through DOMPurify first. A notebook file is untrusted input: it may come from anyone,
// and the page it renders into holds every run, model and file of the user.
import DOMPurify, { type Config } from 'dompurify';
import { Marked } from 'marked';

const CONFIG: Config = {
  // DOMPurify already drops <script>, event-handler attributes and `javascript:`/`data:` URLs in links.
  // Also refused: <style> (it would restyle the whole app), forms and frames (phishing, navigation).
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'frame', 'object', 'embed', 'base', 'meta', 'link'],
  FORBID_ATTR: ['style', 'formaction', 'srcset'],
  // ids and names from a notebook could shadow the page's own (DOM clobbering): prefix them.
  SANITIZE_NAMED_PROPS: true,
};

let hooked = false;
function purifier() {
  if (!hooked) {
    // Links leave the app in a new tab, without giving the opened page a handle on this one.
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A' && node.getAttribute('href') && !node.getAttribute('href')!.startsWith('#')) {
        node.setAttribute('target', '_blank');
        node.setAttribute('rel', 'noopener noreferrer');
      }
    });
    hooked = true;
  }
  return DOMPurify;
}

/** HTML that is safe to put into the page with `innerHTML`. */
export function sanitizeHtml(html: string): string {
  return purifier().sanitize(html, { ...CONFIG, RETURN_TRUSTED_TYPE: false }) as string;
}

// GitHub-flavoured markdown; raw HTML inside markdown is allowed by marked and cleaned by DOMPurify.
const marked = new Marked({ gfm: true, breaks: false, async: false });

/** Markdown (a markdown cell, a `text/markdown` output) rendered to safe HTML. */
export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown, { async: false }) as string);
}
