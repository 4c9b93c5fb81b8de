// A notebook in a link's fragment: what goes in (outputs only when asked), what comes back, and the
// clear refusals — a link cut short, one carrying something else, one too large to offer, and one
// that would unpack to far more than any notebook (a deflate bomb).
import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { codeCell, markdownCell, newNotebook, type CodeCell } from '../../src/notebook/document';
import { MAX_LINK_CHARS, readSharedNotebook, shareLink, ShareLinkError } from '../../src/notebook/share-link';

const BASE = 'https://kiroku.example/app/';

function notebook() {
  const code = codeCell('const x = 6 * 7;\nx');
  code.outputs = [{ output_type: 'execute_result', data: { 'text/plain': '42' }, execution_count: 3 }];
  code.executionCount = 3;
  return newNotebook('Shared 共有', [
    markdownCell('# Title\n\n<img src=x onerror="alert(1)">'),
    code,
    codeCell('let y = 1', 'javascript'),
  ]);
}

const payload = (url: string) => new URL(url).hash.replace(/^#\/shared\?nb=/, '');

describe('share links', () => {
  it('carries the cells in the fragment, without outputs unless asked', () => {
    const doc = notebook();
    const { url, length } = shareLink(doc, BASE + '#/notebook/abc');
    expect(url).toMatch(/^https:\/\/kiroku\.example\/app\/#\/shared\?nb=[A-Za-z0-9_-]+$/);
    expect(length).toBe(url!.length);
    const back = readSharedNotebook(payload(url!));
    expect(back.name).toBe('Shared 共有');
    expect(back.cells.map((c) => [c.type, c.source])).toEqual(doc.cells.map((c) => [c.type, c.source]));
    expect((back.cells[2] as CodeCell).language).toBe('javascript');
    expect(back.cells[1]).toMatchObject({ outputs: [], executionCount: null });
    // A fresh id: opening a link never overwrites a notebook of the same id.
    expect(back.id).not.toBe(doc.id);

    const withOutputs = readSharedNotebook(payload(shareLink(doc, BASE, { outputs: true }).url!));
    expect(withOutputs.cells[1]).toMatchObject({
      executionCount: 3,
      outputs: [{ output_type: 'execute_result', data: { 'text/plain': '42' } }],
    });
  });

  it('offers no link for a notebook too large for one, and says how large it is', () => {
    // Text that does not compress: random letters.
    let seed = 1;
    const noise = Array.from({ length: 60_000 }, () =>
      String.fromCharCode(97 + ((seed = (seed * 16807) % 2147483647) % 26)),
    ).join('');
    const big = newNotebook('big', [codeCell(`const s = "${noise}";`)]);
    const { url, length } = shareLink(big, BASE);
    expect(url).toBeNull();
    expect(length).toBeGreaterThan(MAX_LINK_CHARS);
  });

  it('says clearly when a link is missing, cut short or carries something else', () => {
    const full = payload(shareLink(notebook(), BASE).url!);
    const message = (p: string | null) => {
      try {
        readSharedNotebook(p);
      } catch (err) {
        expect(err).toBeInstanceOf(ShareLinkError);
        return (err as Error).message;
      }
      return 'read';
    };
    expect(message(null)).toBe('This link carries no notebook (its "nb=" part is missing).');
    expect(message(full.slice(0, full.length - 10))).toMatch(
      /^This link's notebook is damaged: it may have been cut short/,
    );
    expect(message(full + '%3Cscript%3E')).toMatch(/^This link's notebook is damaged/);
    const other = Buffer.from(deflateSync(strToU8('{"hello": "world"}'))).toString('base64url');
    expect(message(other)).toBe(
      'This link does not carry a notebook Kiroku can read: not a Jupyter notebook: no "cells" list.',
    );
  });

  it('stops unpacking a link that inflates past 16 MB', () => {
    const bomb = Buffer.from(deflateSync(new Uint8Array(20 * 1024 * 1024), { level: 9 })).toString('base64url');
    expect(bomb.length).toBeLessThan(MAX_LINK_CHARS * 4);
    expect(() => readSharedNotebook(bomb)).toThrow(
      "This link's notebook unpacks to more than 16 MB: Kiroku does not open it.",
    );
  });
});
