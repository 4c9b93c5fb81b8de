// What `import … from '<package>'` means in a cell: a static map from package name to a lazy import of
// the copy bundled with the app (cells run offline; nothing is fetched from a CDN). A full URL is
// imported as it is, for users who host their own modules.
import { KernelError } from './errors';
import { loadTf } from './tf-backend';

export const BUNDLED_MODULES: Readonly<Record<string, () => Promise<unknown>>> = {
  kiroku: () => import('../../index'),
  danfojs: () => import('danfojs'),
  '@tensorflow/tfjs': () => loadTf(),
};

const URL_SPECIFIER = /^(https?:|blob:|data:)/i;

export function importModule(specifier: string): Promise<unknown> {
  const load = BUNDLED_MODULES[specifier];
  if (load) return load();
  if (URL_SPECIFIER.test(specifier)) return import(/* @vite-ignore */ specifier);
  const known = Object.keys(BUNDLED_MODULES)
    .map((k) => `'${k}'`)
    .join(', ');
  return Promise.reject(
    new KernelError(
      `Cannot import '${specifier}': a cell can import the bundled packages ${known}, or a module by its full URL.`,
      'MODULE_NOT_FOUND',
    ),
  );
}

/** `import x from 'm'`: the default export, or the namespace for packages without one (as esModuleInterop). */
export function defaultExport(module: unknown): unknown {
  const m = module as { default?: unknown };
  return m && m.default !== undefined ? m.default : module;
}

/**
 * `import { name } from 'm'`, with the message a browser gives for a missing export. In TypeScript a
 * name may be a type (`import { Run } from 'kiroku'`), erased at run time: it imports as undefined.
 */
export function namedExport(
  module: unknown,
  name: string,
  specifier: string,
  line: number,
  mayBeType = false,
): unknown {
  const m = module as Record<string, unknown>;
  if (m && name in m) return m[name];
  if (mayBeType) return undefined;
  throw withCellLine(
    new SyntaxError(`The requested module '${specifier}' does not provide an export named '${name}'`),
    line,
  );
}

/** Marks an error raised for a given cell line (an import), for the traceback. */
export function withCellLine<E extends Error>(err: E, line: number): E {
  (err as E & { cellLine?: number }).cellLine = line;
  return err;
}
