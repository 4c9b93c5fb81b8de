// The only module that sees every layer: it mounts the UI and offers the public API to the browser
// console as `kiroku`, loaded on first use (`const { mlflow } = await kiroku`), so the first paint
// does not wait for it.
import { h, render } from 'preact';
import { App } from './ui/app';
import { applySavedServer, savedServer } from './ui/tracking-server';
import './ui/styles.css';

let api: Promise<typeof import('./index')> | undefined;
Object.defineProperty(globalThis, 'kiroku', {
  configurable: true,
  get: () => (api ??= import('./index')),
});
const root = document.getElementById('app')!;
const mount = (problem: string | null) => {
  root.textContent = ''; // the "Loading Kiroku…" placeholder from index.html
  render(h(App, { startupProblem: problem }), root);
};
// Only a page set to use an MLflow server waits (for the small REST module) before its first view.
if (savedServer()) void applySavedServer().then(mount);
else mount(null);
