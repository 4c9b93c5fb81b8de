// Monaco and its workers, loaded once per tab. A module of its own, with no static import of Monaco,
// so the shell can start the download the moment the notebook route is opened — beside the page's
// own chunk rather than after it — while cells show their code as plain text until it is here.
import type { Monaco } from './monaco';

let monacoModule: Promise<Monaco> | undefined;

export const loadMonaco = (): Promise<Monaco> => (monacoModule ??= import('./monaco').then((m) => m.monaco));
