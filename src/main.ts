// The only module that sees every layer: it mounts the UI and offers the public API to the browser
// console as `kiroku`, loaded on first use (`const { mlflow } = await kiroku`), so the first paint
// does not wait for it.
import { h, render } from 'preact';
import { App } from './ui/app';
import './ui/styles.css';

let api: Promise<typeof import('./index')> | undefined;
Object.defineProperty(globalThis, 'kiroku', {
  configurable: true,
  get: () => (api ??= import('./index')),
});
const root = document.getElementById('app')!;
root.textContent = ''; // the "Loading Kiroku…" placeholder from index.html
render(h(App, {}), root);
