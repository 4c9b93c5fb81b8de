// A notebook carried in a link: its .ipynb (cells, and outputs when asked), deflated by fflate and
// base64url-encoded into the URL's fragment — the part of a URL a browser never sends to a server.
// Opening such a link reads it back through fromIpynb, which keeps nothing but cells and outputs as
// data; the page shows them as text or sanitized, and runs nothing until the user opens a copy and runs it.
import { Inflate, deflateSync, strFromU8, strToU8 } from 'fflate';
import { fromIpynb, toIpynb, type NotebookDoc } from './document';

/** The route a shared notebook opens on: `#/shared?nb=<payload>`. */
export const SHARE_ROUTE = 'shared';
/**
 * The longest link offered. Chromium and Firefox take links of megabytes, but chat apps, mail and
 * QR codes cut them far shorter; 32 000 characters pass where links are pasted.
 */
export const MAX_LINK_CHARS = 32_000;
/** A payload inflating past this is refused before it fills the page's memory (a "zip bomb" link). */
const MAX_INFLATED_BYTES = 16 * 1024 * 1024;

export class ShareLinkError extends Error {
  override name = 'ShareLinkError';
}

export interface SharedLink {
  /** The whole URL, or null when it would be longer than MAX_LINK_CHARS. */
  url: string | null;
  /** The URL's length in characters (also when too long). */
  length: number;
}

/** The link that opens `doc` read-only on the app at `base` (the page's URL without its fragment). */
export function shareLink(doc: NotebookDoc, base: string, { outputs = false }: { outputs?: boolean } = {}): SharedLink {
  const cells = doc.cells.map((c) => (c.type === 'code' && !outputs ? { ...c, outputs: [], executionCount: null } : c));
  const ipynb = toIpynb({ ...doc, cells });
  const packed = toBase64Url(deflateSync(strToU8(JSON.stringify(ipynb)), { level: 9 }));
  const url = `${base.replace(/#.*$/, '')}#/${SHARE_ROUTE}?nb=${packed}`;
  return { url: url.length <= MAX_LINK_CHARS ? url : null, length: url.length };
}

/** The notebook a link's `nb` parameter carries; a clear ShareLinkError when it is damaged. */
export function readSharedNotebook(payload: string | null): NotebookDoc {
  if (!payload) throw new ShareLinkError('This link carries no notebook (its "nb=" part is missing).');
  let text: string;
  try {
    text = strFromU8(inflateBounded(fromBase64Url(payload)));
  } catch (err) {
    if (err instanceof ShareLinkError) throw err;
    throw new ShareLinkError(
      "This link's notebook is damaged: it may have been cut short when it was copied. Ask for the link again, or " +
        'for the .ipynb file.',
    );
  }
  try {
    return fromIpynb(JSON.parse(text), 'Shared notebook');
  } catch (err) {
    throw new ShareLinkError(
      `This link does not carry a notebook Kiroku can read: ${err instanceof Error ? err.message : String(err)}.`,
    );
  }
}

/** Inflate in chunks, stopping as soon as the output passes MAX_INFLATED_BYTES. */
function inflateBounded(packed: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size > MAX_INFLATED_BYTES)
      throw new ShareLinkError(
        `This link's notebook unpacks to more than ${MAX_INFLATED_BYTES / 1024 / 1024} MB: Kiroku does not open it.`,
      );
    chunks.push(chunk);
    ended = final;
  });
  for (let i = 0; i < packed.length; i += 4096) inflater.push(packed.subarray(i, i + 4096), i + 4096 >= packed.length);
  if (!ended) throw new Error('truncated');
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) out.set(c, (at += c.length) - c.length);
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
