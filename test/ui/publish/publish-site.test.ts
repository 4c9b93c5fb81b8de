// The published site's zip, built from a stand-in of the app's own files: every file its service
// worker precaches (and the worker and its Workbox runtime), index.html marked, the notebook and the
// Files beside them — and a clear refusal on the development server, which has no worker.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { codeCell, newNotebook } from '../../../src/notebook/document';
import { appFiles, buildSite, markPublished } from '../../../src/ui/publish/publish-site';

// The shape vite-plugin-pwa's generated sw.js has (minified Workbox).
const SW =
  'if(!self.define){}define(["./workbox-d8ed3718"],(function(s){"use ' +
  'strict";self.skipWaiting(),s.clientsClaim(),s.precacheAndRoute([{url:"index.html",revision:"a1"},' +
  '{url:"favicon.svg",revision:"b2"},{url:"assets/index-X.js",revision:null},' +
  '{url:"assets/kernel.worker-Y.js",revision:null},{url:"manifest.webmanifest",revision:"c3"}],{}),' +
  's.registerRoute(new s.NavigationRoute(s.createHandlerBoundToURL("index.html")))}));';
const APP: Record<string, string> = {
  'sw.js': SW,
  'workbox-d8ed3718.js': 'workbox',
  'index.html': '<!doctype html><html><head><title>Kiroku</title></head><body></body></html>',
  'favicon.svg': '<svg/>',
  'assets/index-X.js': 'console.log(1)',
  'assets/kernel.worker-Y.js': 'self.onmessage = null',
  'manifest.webmanifest': '{}',
};
const fetchApp = (files: Record<string, string>) => async (path: string) =>
  path in files ? new Response(files[path]) : new Response('no', { status: 404 });

describe('publish as a static site', () => {
  it('lists the app from its service worker', () => {
    expect(appFiles(SW)).toEqual([
      'sw.js',
      'workbox-d8ed3718.js',
      'index.html',
      'favicon.svg',
      'assets/index-X.js',
      'assets/kernel.worker-Y.js',
      'manifest.webmanifest',
    ]);
    expect(() => appFiles('self.addEventListener("fetch", () => {})')).toThrow(/has no list of its files/);
  });

  it('marks the page as published', () => {
    // First in <head>: the boot script, which decides on the first view, reads it while the head is parsed.
    expect(markPublished('<html><HEAD><script src="boot.js"></script><title>t</title></HEAD>')).toBe(
      '<html><HEAD>\n<meta name="kiroku-published" content="published.json"><script src="boot.js"></script>' +
        '<title>t</title></HEAD>',
    );
    expect(markPublished('<html><head lang="en"></head>')).toContain('<head lang="en">\n<meta name=');
    expect(() => markPublished('<p>no <header>')).toThrow(/has no <head>/);
  });

  it('zips the app, the notebook and the Files', async () => {
    const doc = newNotebook('Lesson', [codeCell("await loadCSV('a b.csv')")]);
    const progress: string[] = [];
    const zipped = await buildSite(
      doc,
      [
        { name: 'a b.csv', bytes: new TextEncoder().encode('x\n1\n') },
        { name: 'データ.csv', bytes: new TextEncoder().encode('y\n2\n') },
      ],
      fetchApp(APP),
      (d, t) => progress.push(`${d}/${t}`),
    );
    const entries = unzipSync(zipped);
    expect(Object.keys(entries).sort()).toEqual(
      [...Object.keys(APP), 'published.json', 'published/files/1', 'published/files/2', 'README.txt'].sort(),
    );
    expect(progress.at(-1)).toBe('7/7');
    for (const [path, text] of Object.entries(APP))
      if (path !== 'index.html') expect(strFromU8(entries[path]!), path).toBe(text);
    expect(strFromU8(entries['index.html']!)).toContain('<meta name="kiroku-published" content="published.json">');
    const site = JSON.parse(strFromU8(entries['published.json']!));
    expect(site).toMatchObject({
      format: 'kiroku-published-site',
      version: 1,
      files: [
        { name: 'a b.csv', path: 'published/files/1' },
        { name: 'データ.csv', path: 'published/files/2' },
      ],
    });
    expect(site.notebook.cells[0].source.join('')).toBe("await loadCSV('a b.csv')");
    expect(strFromU8(entries['published/files/1']!)).toBe('x\n1\n');
    expect(strFromU8(entries['published/files/2']!)).toBe('y\n2\n');
  });

  it('says what to do on the development server, and names a file it cannot read', async () => {
    const doc = newNotebook('Lesson');
    await expect(buildSite(doc, [], fetchApp({}))).rejects.toThrow(
      /run `npm run build` and `npm run preview`, then publish from there/,
    );
    const { 'assets/index-X.js': _, ...missing } = APP;
    await expect(buildSite(doc, [], fetchApp(missing))).rejects.toThrow(
      "Could not read the app's file assets/index-X.js (404): reload the page and publish again.",
    );
  });
});
