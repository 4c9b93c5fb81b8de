// The only module that sees every layer: it mounts the UI and offers the public API to the browser
// console as `kiroku`, loaded on first use (`const { mlflow } = await kiroku`), so the first paint
// does not wait for it.
import { h, render } from 'preact';
import { App } from './ui/app';
import { ErrorBoundary } from './ui/components/error-boundary';
import { savedServer } from './ui/server-choice';
import './ui/styles.css';

let api: Promise<typeof import('./index')> | undefined;
Object.defineProperty(globalThis, 'kiroku', {
  configurable: true,
  get: () => (api ??= import('./index')),
});
const root = document.getElementById('app')!;
const mount = (server: string | null, problem: string | null) => {
  root.textContent = ''; // the "Loading Kiroku…" placeholder from index.html
  render(h(ErrorBoundary, { what: 'Kiroku' }, h(App, { server, startupProblem: problem })), root);
};
// Only a page set to use an MLflow server waits (for the tracking and REST modules) before its first view.
const saved = savedServer();
if (saved) {
  void import('./ui/tracking-server')
    .then(async (m) => {
      const problem = await m.applySavedServer();
      return [problem ? null : saved.url, problem] as const;
    })
    .then(([server, problem]) => mount(server, problem));
} else mount(null, null);
