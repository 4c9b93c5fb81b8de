// Helpers that keep the sample notebooks readable as source: a sample is a list of `md` and `ts` cells.
import { codeCell, markdownCell, newNotebook, type Cell, type NotebookDoc } from '../document';

/** Strip the common indentation of a template literal, and its first and last blank lines. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').replace(/\n\s*$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

export const md = (text: string): Cell => markdownCell(dedent(text));
export const ts = (text: string): Cell => codeCell(dedent(text));

export interface Sample {
  id: string;
  title: string;
  description: string;
  /** A fresh notebook (new ids each time) holding the sample. */
  create: () => NotebookDoc;
}

export function sample(id: string, title: string, description: string, cells: () => Cell[]): Sample {
  return { id, title, description, create: () => ({ ...newNotebook(title, cells()), metadata: { kiroku: { sample: id } } }) };
}
