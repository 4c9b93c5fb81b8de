// @vitest-environment jsdom
// Markdown cells and HTML outputs come from notebooks anyone may have written: nothing in them may run.
import { describe, expect, it } from 'vitest';
import { renderMarkdown, sanitizeHtml } from '../../src/ui/sanitize';

describe('sanitizeHtml', () => {
  it('removes script tags and their content', () => {
    const out = sanitizeHtml('<p>hi</p><script>alert(1)</script><SCRIPT src="x.js"></SCRIPT>');
    expect(out).toBe('<p>hi</p>');
  });

  it('removes event handlers', () => {
    const out = sanitizeHtml('<img src="x.png" onerror="alert(1)"><div onclick="alert(2)" onmouseover=alert(3)>x</div><svg onload="alert(4)"></svg>');
    expect(out).not.toMatch(/on(error|click|mouseover|load)/i);
    expect(out).toContain('<img src="x.png">');
  });

  it('removes javascript: and data: links, keeps ordinary ones (opening in a new tab)', () => {
    const out = sanitizeHtml('<a href="javascript:alert(1)">a</a><a href=" JaVaScRiPt:alert(1)">b</a><a href="data:text/html,<script>alert(1)</script>">c</a><a href="https://mlflow.org">d</a><a href="#/experiments">e</a>');
    expect(out).not.toMatch(/javascript:|data:/i);
    expect(out).toContain('<a href="https://mlflow.org" target="_blank" rel="noopener noreferrer">d</a>');
    expect(out).toContain('<a href="#/experiments">e</a>');
  });

  it('removes iframes, forms, styles and meta refreshes', () => {
    const out = sanitizeHtml('<iframe src="https://evil"></iframe><form action="https://evil"><input name="p"></form><style>body{display:none}</style><meta http-equiv="refresh" content="0;url=https://evil"><b style="position:fixed">x</b>');
    expect(out).toBe('<b>x</b>');
  });

  it('keeps tables and formatting', () => {
    const html = '<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>';
    expect(sanitizeHtml(html)).toBe(html);
  });
});

describe('renderMarkdown', () => {
  it('renders GitHub-flavoured markdown', () => {
    const out = renderMarkdown('# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n`code` and **bold**');
    expect(out).toContain('<h1>Title</h1>');
    expect(out).toContain('<table>');
    expect(out).toContain('<code>code</code>');
    expect(out).toContain('<strong>bold</strong>');
  });

  it('cleans raw HTML and links inside markdown', () => {
    const out = renderMarkdown('[click](javascript:alert(1))\n\n<img src=x onerror=alert(1)>\n\n<script>alert(2)</script>');
    expect(out).not.toMatch(/javascript:|onerror|<script/i);
  });
});
