// The only module that sees every layer: it mounts the UI and offers the public API to the browser
// console as `kiroku`, loaded on first use (`const { mlflow } = await kiroku`), so the first paint
// does not wait for it.
import { h, render, type ComponentChild } from 'preact';
import { App } from './ui/app';
import { ErrorBoundary } from './ui/components/error-boundary';
import { onServerSwitch, savedServer } from './ui/server-choice';
import { applyDocumentLocale, locale, onLocaleChange } from './ui/i18n/locale';
import './ui/styles.css';

let api: Promise<typeof import('./index')> | undefined;
Object.defineProperty(globalThis, 'kiroku', {
  configurable: true,
  get: () => (api ??= import('./index')),
});
const root = document.getElementById('app')!;
let placeholder = true;
const show = (vnode: ComponentChild) => {
  if (placeholder) root.textContent = ''; // the "Loading Kiroku…" placeholder from index.html
  placeholder = false;
  render(vnode, root);
};
// Keyed by the store and the language: a switch to a server mounts every view afresh against it, and a
// switch of language in Settings redraws every view in it, without a reload.
let mounted: [string | null, string | null] = [null, null];
const mount = (server: string | null, problem: string | null) => {
  mounted = [server, problem];
  show(
    h(
      ErrorBoundary,
      { what: 'Kiroku' },
      h(App, { key: `${server ?? 'this browser'} ${locale()}`, server, startupProblem: problem }),
    ),
  );
};
applyDocumentLocale();
onServerSwitch((server) => mount(server, null));
onLocaleChange(() => mount(...mounted));
// Only a page set to use an MLflow server waits (for the tracking and REST modules) before its first
// view; one used with a token asks for it first (tokens are never stored).
const saved = savedServer();
if (saved?.needsToken) {
  void import('./ui/server-token-prompt').then(({ ServerTokenPrompt }) =>
    show(h(ServerTokenPrompt, { url: saved.url, onDone: mount })),
  );
} else if (saved) {
  void import('./ui/tracking-server')
    .then(async (m) => {
      const problem = await m.applySavedServer();
      return [problem ? null : saved.url, problem] as const;
    })
    .then(([server, problem]) => mount(server, problem));
} else mount(null, null);
