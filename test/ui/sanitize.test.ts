// @vitest-environment jsdom
// Markdown cells and HTML outputs come from notebooks anyone may have written: nothing in them may run.
import { describe, expect, it } from 'vitest';
import { renderMarkdown, sanitizeHtml, sanitizeSvg } from '../../src/ui/sanitize';

describe('sanitizeHtml', () => {
  it('removes script tags and their content', () => {
    const out = sanitizeHtml('<p>hi</p><script>alert(1)</script><SCRIPT src="x.js"></SCRIPT>');
    expect(out).toBe('<p>hi</p>');
  });

  it('removes event handlers', () => {
    const out = sanitizeHtml(
      '<img src="x.png" onerror="alert(1)"><div onclick="alert(2)" onmouseover=alert(3)>x</div><svg ' +
        'onload="alert(4)"></svg>',
    );
    expect(out).not.toMatch(/on(error|click|mouseover|load)/i);
    expect(out).toContain('<img src="x.png">');
  });

  it('removes javascript: and data: links, keeps ordinary ones (opening in a new tab)', () => {
    const out = sanitizeHtml(
      '<a href="javascript:alert(1)">a</a><a href=" JaVaScRiPt:alert(1)">b</a><a ' +
        'href="data:text/html,<script>alert(1)</script>">c</a><a href="https://mlflow.org">d</a><a ' +
        'href="#/experiments">e</a>',
    );
    expect(out).not.toMatch(/javascript:|data:/i);
    expect(out).toContain('<a href="https://mlflow.org" target="_blank" rel="noopener noreferrer">d</a>');
    expect(out).toContain('<a href="#/experiments">e</a>');
  });

  it('removes iframes, forms, styles and meta refreshes', () => {
    const out = sanitizeHtml(
      '<iframe src="https://evil"></iframe><form action="https://evil"><input ' +
        'name="p"></form><style>body{display:none}</style><meta http-equiv="refresh" ' +
        'content="0;url=https://evil"><b style="position:fixed">x</b>',
    );
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
    const out = renderMarkdown(
      '[click](javascript:alert(1))\n\n<img src=x onerror=alert(1)>\n\n<script>alert(2)</script>',
    );
    expect(out).not.toMatch(/javascript:|onerror|<script/i);
  });
});

describe('remote resources', () => {
  it('turns a remote image into a button that loads it when clicked, and fetches nothing before', () => {
    const host = document.createElement('div');
    host.innerHTML = renderMarkdown(
      '![loss curve](https://tracker.example/pixel.png?who=me) and <img src="//cdn.example/a.gif">',
    );
    document.body.append(host);
    expect(host.querySelectorAll('img').length).toBe(0);
    const buttons = [...host.querySelectorAll('button')];
    expect(buttons.map((b) => b.textContent)).toEqual([
      'Load image “loss curve” from tracker.example',
      'Load image from cdn.example',
    ]);
    buttons[0]!.click();
    const img = host.querySelector('img')!;
    expect(img.getAttribute('src')).toBe('https://tracker.example/pixel.png?who=me');
    expect(img.alt).toBe('loss curve');
    expect(host.querySelectorAll('button').length).toBe(1);
    host.remove();
  });

  it('keeps images of this origin and data: images, drops what other elements would fetch by themselves', () => {
    const out = sanitizeHtml(
      [
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="d"><img src="plot.png">',
        '<video src="https://x.example/v.mp4" poster="https://x.example/p.png"></video><audio><source ' +
          'src="https://x.example/a.mp3"></audio>',
        '<table background="https://x.example/bg.png"><tr><td>1</td></tr></table>',
        '<svg><image href="https://x.example/i.png"></image><use xlink:href="https://x.example/s.svg#a"></use></svg>',
        '<a href="https://mlflow.org" ping="https://x.example/ping">link</a>',
      ].join(''),
    );
    expect(out).toContain('<img src="data:image/png;base64,iVBORw0KGgo=" alt="d"><img src="plot.png">');
    expect(out).not.toContain('x.example');
    expect(out).toContain('<a href="https://mlflow.org" target="_blank" rel="noopener noreferrer">link</a>');
  });

  it('gives no placeholder to markup that imitates one', () => {
    const out = sanitizeHtml(
      '<button class="remote-image" data-kiroku-remote-src="https://x.example/">x</button><div ' +
        'data-kiroku-remote-src="https://x.example/">y</div>',
    );
    expect(out).toBe('x<div>y</div>'); // a forbidden tag's text stays, as text
  });
});

describe('sanitizeSvg', () => {
  it('keeps the drawing and drops scripts, handlers and foreign content', () => {
    const out = sanitizeSvg(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><rect width="10" ' +
        'height="10" onclick="alert(3)"/><foreignObject><p>x</p></foreignObject></svg>',
    );
    expect(out).toContain('<rect width="10" height="10"');
    expect(out).not.toMatch(/script|onload|onclick|foreignObject|alert/i);
  });
});
