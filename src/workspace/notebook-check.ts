// A notebook document from an archive, checked for the shape the notebook store and views rely on
// (ids, names, cells and their types); what a cell's outputs display is the notebook's own concern.
import { CELL_ID_PATTERN, type NotebookDoc } from '../notebook/document';
import { WorkspaceError } from './errors';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function checkNotebook(x: unknown): NotebookDoc {
  if (!isRecord(x)) throw new WorkspaceError('A notebook is not an object.');
  if (typeof x.id !== 'string' || !/^[\w-]{1,128}$/.test(x.id))
    throw new WorkspaceError(`Invalid notebook id ${JSON.stringify(x.id)}.`);
  if (typeof x.name !== 'string' || !x.name.trim() || x.name.length > 500)
    throw new WorkspaceError(`Notebook ${x.id} has no valid name.`);
  if (!Array.isArray(x.cells)) throw new WorkspaceError(`Notebook '${x.name}' has no list of cells.`);
  if (!isRecord(x.metadata ?? {})) throw new WorkspaceError(`Notebook '${x.name}' metadata is not an object.`);
  for (const t of ['createdAt', 'updatedAt'] as const)
    if (typeof x[t] !== 'number' || !Number.isFinite(x[t]))
      throw new WorkspaceError(`Notebook '${x.name}' has no valid ${t}.`);
  const ids = new Set<string>();
  for (const [i, c] of x.cells.entries()) {
    const where = `Notebook '${x.name}' cell ${i + 1}`;
    if (!isRecord(c) || typeof c.id !== 'string' || !CELL_ID_PATTERN.test(c.id) || ids.has(c.id))
      throw new WorkspaceError(`${where} has no valid, unique id.`);
    ids.add(c.id);
    if (typeof c.source !== 'string' || !isRecord(c.metadata ?? {}))
      throw new WorkspaceError(`${where} has no source text.`);
    if (c.type === 'markdown') continue;
    if (c.type !== 'code')
      throw new WorkspaceError(`${where} has type ${JSON.stringify(c.type)}; expected code or markdown.`);
    if (c.language !== 'typescript' && c.language !== 'javascript')
      throw new WorkspaceError(`${where} has language ${JSON.stringify(c.language)}.`);
    if (!Array.isArray(c.outputs) || !c.outputs.every(isRecord))
      throw new WorkspaceError(`${where} outputs are not a list of objects.`);
    if (c.executionCount !== null && !Number.isInteger(c.executionCount))
      throw new WorkspaceError(`${where} has execution count ${JSON.stringify(c.executionCount)}.`);
  }
  return { ...(x as unknown as NotebookDoc), metadata: (x.metadata as Record<string, unknown>) ?? {} };
}
