// Helpers that keep the sample notebooks readable as source: a sample is a list of `md` and `ts` cells.
import { codeCell, markdownCell, newNotebook, type Cell, type NotebookDoc } from '../document';

/** Strip the common indentation of a template literal, and its first and last blank lines. */
export function dedent(text: string): string {
  const lines = text
    .replace(/^\n/, '')
    .replace(/\n\s*$/, '')
    .split('\n');
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
  return {
    id,
    title,
    description,
    create: () => ({ ...newNotebook(title, cells()), metadata: { kiroku: { sample: id } } }),
  };
}

/**
 * The code with its `//` comments replaced from `table`: a block of whole-line comments is looked up
 * by its lines joined with spaces and replaced by the table's lines (same indentation); a comment after
 * code on its line, by its text. Throws for a comment the table lacks.
 */
export function localizeComments(code: string, table: Record<string, string[]>): string {
  const lines = code.split('\n');
  const out: string[] = [];
  const lookup = (text: string) => {
    const found = table[text];
    if (!found) throw new Error(`No translation for the comment: ${text}`);
    return found;
  };
  for (let i = 0; i < lines.length; i++) {
    const whole = /^(\s*)\/\/ ?(.*)$/.exec(lines[i]!);
    if (whole) {
      const indent = whole[1]!;
      const block = [whole[2]!];
      while (i + 1 < lines.length && lines[i + 1]!.startsWith(`${indent}//`))
        block.push(lines[++i]!.slice(indent.length).replace(/^\/\/ ?/, ''));
      out.push(...lookup(block.join(' ')).map((l) => `${indent}// ${l}`));
      continue;
    }
    const trailing = /^(.*?;)(\s+)\/\/ (.*)$/.exec(lines[i]!);
    out.push(trailing ? `${trailing[1]}${trailing[2]}// ${lookup(trailing[3]!).join(' ')}` : lines[i]!);
  }
  return out.join('\n');
}
