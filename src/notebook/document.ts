// A notebook document: cells, their outputs, and the two ways it leaves the app — Jupyter's .ipynb
// (nbformat 4.5, so JupyterLab and VS Code open it with outputs) and a `.ts` script in the
// "percent" format (`// %%` cell markers, which VS Code and jupytext read back as cells).
// Pure data and functions: the store persists documents, the UI edits them, the kernel never sees them.
import type { CellOutput, KernelMessage } from './protocol';
import { checkOutput } from './output-check';

export type CellLanguage = 'typescript' | 'javascript';

interface CellBase {
  id: string;
  source: string;
  metadata: Record<string, unknown>;
}

export interface CodeCell extends CellBase {
  type: 'code';
  language: CellLanguage;
  outputs: CellOutput[];
  /** Jupyter's `[n]`: the kernel's count when the cell last ran, null if it never did. */
  executionCount: number | null;
}

export interface MarkdownCell extends CellBase {
  type: 'markdown';
}

export type Cell = CodeCell | MarkdownCell;

export interface NotebookDoc {
  id: string;
  name: string;
  cells: Cell[];
  metadata: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

/** Cell ids follow nbformat 4.5: 1–64 characters of letters, digits, `-` and `_`. */
export const CELL_ID_PATTERN = /^[a-zA-Z0-9-_]{1,64}$/;

export function newId(): string {
  return crypto.randomUUID().replace(/-/g, '').slice(0, 12);
}

export function codeCell(source = '', language: CellLanguage = 'typescript'): CodeCell {
  return { id: newId(), type: 'code', source, language, outputs: [], executionCount: null, metadata: {} };
}

export function markdownCell(source = ''): MarkdownCell {
  return { id: newId(), type: 'markdown', source, metadata: {} };
}

export function newNotebook(name = 'Untitled', cells: Cell[] = [codeCell()], now = Date.now()): NotebookDoc {
  return { id: newId(), name, cells, metadata: {}, createdAt: now, updatedAt: now };
}

/** A deep copy with fresh notebook and cell ids (outputs kept), for "Duplicate". */
export function duplicateNotebook(doc: NotebookDoc, name = `${doc.name} (copy)`, now = Date.now()): NotebookDoc {
  const cells = structuredClone(doc.cells).map((c) => ({ ...c, id: newId() }));
  return { ...structuredClone(doc), id: newId(), name, cells, createdAt: now, updatedAt: now };
}

/** Change a cell's type (Jupyter's M / Y), keeping its source; a code cell turned markdown loses its outputs. */
export function convertCell(cell: Cell, type: Cell['type']): Cell {
  if (cell.type === type) return cell;
  const { id, source, metadata } = cell;
  return type === 'markdown'
    ? { id, type, source, metadata }
    : { id, type, source, metadata, language: 'typescript', outputs: [], executionCount: null };
}

// ── outputs ────────────────────────────────────────────────────────────────

const PROGRESS = 'application/vnd.kiroku.progress+json';

/**
 * Fold one kernel message into a cell's outputs, as Jupyter's output area does: consecutive stream
 * chunks of the same name join, a display with a known display id (or a progress with a known id)
 * replaces the earlier one in place, everything else appends. Returns the same array when the message
 * adds no output.
 */
export function applyOutput(outputs: CellOutput[], msg: KernelMessage): CellOutput[] {
  switch (msg.type) {
    case 'stream': {
      const last = outputs[outputs.length - 1];
      if (last?.output_type === 'stream' && last.name === msg.name) {
        return [...outputs.slice(0, -1), { ...last, text: last.text + msg.text }];
      }
      return [...outputs, { output_type: 'stream', name: msg.name, text: msg.text }];
    }
    case 'display_data': {
      const displayId = msg.displayId ?? (msg.data[PROGRESS] ? `progress:${msg.data[PROGRESS].id}` : undefined);
      const out: CellOutput = { output_type: 'display_data', data: msg.data, ...(displayId ? { displayId } : {}) };
      if (displayId) {
        const at = outputs.findIndex((o) => o.output_type === 'display_data' && o.displayId === displayId);
        if (at >= 0) return outputs.map((o, i) => (i === at ? out : o));
      }
      return [...outputs, out];
    }
    case 'execute_result':
      return [...outputs, { output_type: 'execute_result', data: msg.data, execution_count: msg.executionCount }];
    case 'error':
      return [...outputs, { output_type: 'error', ename: msg.ename, evalue: msg.evalue, traceback: msg.traceback }];
    default:
      return outputs;
  }
}

// ── .ipynb (nbformat 4.5) ─────────────────────────────────────────────────

export const KERNELSPEC = { name: 'kiroku-ts', display_name: 'TypeScript (Kiroku)', language: 'typescript' } as const;
export const LANGUAGE_INFO = { name: 'typescript', file_extension: '.ts', mimetype: 'text/typescript' } as const;

type MultilineString = string | string[];

interface IpynbCell {
  id?: string;
  cell_type: 'code' | 'markdown' | 'raw';
  metadata?: Record<string, unknown>;
  source: MultilineString;
  outputs?: Array<Record<string, unknown>>;
  execution_count?: number | null;
}

export interface Ipynb {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: IpynbCell[];
}

/** Jupyter writes text as a list of lines, each keeping its newline: diffs of saved notebooks stay small. */
function toLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function fromLines(text: MultilineString | undefined): string {
  return Array.isArray(text) ? text.join('') : (text ?? '');
}

/** nbformat: JSON MIME types (`application/json`, `…+json`) stay objects; text types become line lists. */
const isJsonMime = (mime: string) => mime === 'application/json' || mime.endsWith('+json');

function exportData(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, isJsonMime(k) || typeof v !== 'string' ? v : toLines(v)]),
  );
}

function importData(data: unknown): unknown {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return data; // not a bundle: the check says so
  return Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, isJsonMime(k) ? v : Array.isArray(v) ? v.join('') : v]),
  );
}

function exportOutput(o: CellOutput): Record<string, unknown> {
  switch (o.output_type) {
    case 'stream':
      return { output_type: 'stream', name: o.name, text: toLines(o.text) };
    case 'display_data':
      return { output_type: 'display_data', data: exportData(o.data as Record<string, unknown>), metadata: {} };
    case 'execute_result':
      return {
        output_type: 'execute_result',
        data: exportData(o.data as Record<string, unknown>),
        metadata: {},
        execution_count: o.execution_count,
      };
    case 'error':
      return { output_type: 'error', ename: o.ename, evalue: o.evalue, traceback: o.traceback };
  }
}

/** An nbformat output in this page's shape (text joined from lines), checked: see output-check.ts. */
function importOutput(o: unknown): ReturnType<typeof checkOutput> {
  if (!o || typeof o !== 'object') return undefined;
  const raw = o as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' || Array.isArray(v) ? fromLines(v as MultilineString) : v);
  return checkOutput({
    ...raw,
    ...('text' in raw ? { text: text(raw.text) } : {}),
    ...('data' in raw ? { data: importData(raw.data) } : {}),
  });
}

export function toIpynb(doc: NotebookDoc): Ipynb {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      ...doc.metadata,
      kernelspec: { ...KERNELSPEC },
      language_info: { ...LANGUAGE_INFO },
      kiroku: { name: doc.name },
    },
    cells: doc.cells.map((c): IpynbCell => {
      if (c.type === 'markdown')
        return { id: c.id, cell_type: 'markdown', metadata: c.metadata, source: toLines(c.source) };
      const metadata = c.language === 'javascript' ? { ...c.metadata, kiroku: { language: 'javascript' } } : c.metadata;
      return {
        id: c.id,
        cell_type: 'code',
        metadata,
        source: toLines(c.source),
        outputs: c.outputs.map(exportOutput),
        execution_count: c.executionCount,
      };
    }),
  };
}

export class NotebookFormatError extends Error {
  override name = 'NotebookFormatError';
}

/**
 * Read an .ipynb (nbformat 4.x). Cells without an id (nbformat < 4.5) or with a duplicate or invalid
 * one get a fresh id; raw cells become markdown. Nothing runs: outputs and counts are kept as saved,
 * except the parts of an output that break their type's contract (output-check.ts), which are left
 * out and named in `problems` ("cell 3: …").
 */
export function fromIpynb(
  json: unknown,
  fallbackName = 'Imported',
  now = Date.now(),
  problems: string[] = [],
): NotebookDoc {
  const nb = json as Partial<Ipynb> | null;
  if (!nb || typeof nb !== 'object' || !Array.isArray(nb.cells))
    throw new NotebookFormatError('not a Jupyter notebook: no "cells" list');
  if (nb.nbformat !== 4)
    throw new NotebookFormatError(`unsupported nbformat ${JSON.stringify(nb.nbformat)}: Kiroku reads nbformat 4`);
  const seen = new Set<string>();
  const cells = nb.cells.map((raw, index): Cell => {
    let id = typeof raw.id === 'string' && CELL_ID_PATTERN.test(raw.id) && !seen.has(raw.id) ? raw.id : newId();
    while (seen.has(id)) id = newId();
    seen.add(id);
    const { kiroku, ...metadata } = (raw.metadata ?? {}) as Record<string, unknown> & {
      kiroku?: { language?: string };
    };
    const source = fromLines(raw.source);
    if (raw.cell_type !== 'code') return { id, type: 'markdown', source, metadata };
    const outputs: CellOutput[] = [];
    for (const o of Array.isArray(raw.outputs) ? raw.outputs : []) {
      const checked = importOutput(o);
      if (!checked) continue;
      outputs.push(checked.output);
      for (const p of checked.problems) problems.push(`cell ${index + 1}: ${p}; left out`);
    }
    const language: CellLanguage = kiroku?.language === 'javascript' ? 'javascript' : 'typescript';
    return {
      id,
      type: 'code',
      source,
      language,
      metadata,
      outputs,
      executionCount: typeof raw.execution_count === 'number' ? raw.execution_count : null,
    };
  });
  const {
    kernelspec: _k,
    language_info: _l,
    kiroku,
    ...metadata
  } = (nb.metadata ?? {}) as Record<string, unknown> & { kiroku?: { name?: string } };
  const name = typeof kiroku?.name === 'string' && kiroku.name ? kiroku.name : fallbackName;
  return { id: newId(), name, cells, metadata, createdAt: now, updatedAt: now };
}

// ── .ts script ─────────────────────────────────────────────────────────────

/** The notebook as one runnable-looking script: code as is, markdown as `//` comments, `// %%` between cells. */
export function toScript(doc: NotebookDoc): string {
  const parts = [`// ${doc.name}\n// Exported from Kiroku. Cells are separated by "// %%" markers.`];
  for (const c of doc.cells) {
    if (c.type === 'markdown') {
      const body = c.source
        .split('\n')
        .map((l) => (l ? `// ${l}` : '//'))
        .join('\n');
      parts.push(`// %% [markdown]\n${body}`);
    } else {
      parts.push(`// %%${c.language === 'javascript' ? ' [javascript]' : ''}\n${c.source}`);
    }
  }
  return parts.join('\n\n') + '\n';
}

/** A file name for downloads: the notebook's name without characters file systems refuse. */
export function fileName(doc: Pick<NotebookDoc, 'name'>, extension: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are among those replaced
  const base = doc.name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || 'notebook';
  return `${base}${extension}`;
}
