// Monaco and its workers, loaded once per tab. A module of its own, with no static import of Monaco:
// the built page already fetches Monaco's chunks as module preloads (vite.config.ts), and importing
// them here — which evaluates Monaco, a long task — waits until the notebook's cells have painted
// (notebook-view.tsx), so the cells' stand-ins are on screen and editable first.
import type { Monaco } from './monaco';

let monacoModule: Promise<Monaco> | undefined;

export const loadMonaco = (): Promise<Monaco> => (monacoModule ??= import('./monaco').then((m) => m.monaco));
