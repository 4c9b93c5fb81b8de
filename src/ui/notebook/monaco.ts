// Monaco, loaded once and only by the notebook (a dynamic import of this module is the only way in, so
// the shell's first paint never pays for it). We import the tree-shakeable entry points — the editor
// API, its features, and three languages — instead of `monaco-editor`, which registers ~80 languages
// and the CSS/HTML/JSON services the notebook never uses.
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/typescript/register';
import 'monaco-editor/languages/definitions/javascript/register';
import 'monaco-editor/languages/definitions/markdown/register';
import {
  typescriptDefaults,
  javascriptDefaults,
  ScriptTarget,
  ModuleKind,
  ModuleResolutionKind,
} from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';
import { CELL_TYPES } from './intellisense';

export type Monaco = typeof monaco;

globalThis.MonacoEnvironment = {
  getWorker: (_id: string, label: string) =>
    label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker(),
};

/**
 * Diagnostics a notebook must not show. Each cell is its own script, so TypeScript sees every cell at
 * once: re-declaring a name in a later cell (normal in a notebook) and top-level `await` (the kernel
 * allows it) would otherwise be errors.
 */
const IGNORED_DIAGNOSTICS = [
  1375, // 'await' expressions are only allowed at the top level of a file when that file is a module
  1378, // Top-level 'await' expressions are only allowed when the 'module' option is set to …
  1431, // 'for await' loops are only allowed at the top level of a file when that file is a module
  1432, // Top-level 'for await' loops are only allowed when …
  2451, // Cannot redeclare block-scoped variable
  2300, // Duplicate identifier
  2393, // Duplicate function implementation
  1108, // A 'return' statement can only be used within a function body (cells may return)
];

for (const defaults of [typescriptDefaults, javascriptDefaults]) {
  defaults.setCompilerOptions({
    target: ScriptTarget.ES2020,
    module: ModuleKind.ESNext,
    moduleResolution: ModuleResolutionKind.NodeJs,
    allowNonTsExtensions: true,
    allowJs: true,
    checkJs: false,
    strict: false,
    noImplicitAny: false,
    lib: ['es2023', 'webworker'],
  });
  defaults.setDiagnosticsOptions({
    noSemanticValidation: false,
    noSyntaxValidation: false,
    diagnosticCodesToIgnore: IGNORED_DIAGNOSTICS,
  });
  for (const lib of CELL_TYPES) defaults.addExtraLib(lib.content, lib.uri);
}
// Model contents are sent to the TypeScript worker eagerly, so names declared in one cell complete in
// the next without that cell ever having been focused.
typescriptDefaults.setEagerModelSync(true);
javascriptDefaults.setEagerModelSync(true);

// The editor theme follows the system, as the page's CSS does.
const dark = matchMedia('(prefers-color-scheme: dark)');
const applyTheme = () => monaco.editor.setTheme(dark.matches ? 'vs-dark' : 'vs');
applyTheme();
dark.addEventListener('change', applyTheme);

export { monaco };
