// Serves the built app with `vite preview` on a free loopback port for the browser suite, after
// checking that Chromium is there (a missing browser fails the suite; it is never skipped).
import { existsSync } from 'node:fs';
import { preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';
import { chromiumPath } from './chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let server: PreviewServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  chromiumPath();
  // KIROKU_DIST lets several builds be tested side by side (default: the project's dist/).
  const outDir = process.env.KIROKU_DIST ?? 'dist';
  if (!existsSync(`${outDir}/index.html`)) {
    throw new Error(
      `The app is not built in ${outDir}/: run \`npm run test:browser\` (it builds first) or \`npm run build\`.`,
    );
  }
  server = await preview({
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false, open: false },
    logLevel: 'warn',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview started without a local URL');
  project.provide('baseUrl', url);
}

export async function teardown(): Promise<void> {
  await server?.close();
}
