// Which TensorFlow.js backend runs the MLPs: chosen the same way in the notebook kernel, the predict
// workers and Node — the fastest that really is fast here:
//
//   webgpu  a real WebGPU adapter (not a software fallback)
//   webgl   WebGL on a hardware-accelerated GPU (SwiftShader, llvmpipe and other software rasterizers
//           pass TensorFlow.js's own check, and are slower than the CPU, so the renderer is read too)
//   wasm    WebAssembly with SIMD, and threads on a cross-origin-isolated page (Node: SIMD, one thread)
//   cpu     plain JavaScript, where WebAssembly is unavailable
//
// The choice is made once per realm, on first need (`ensureTfBackend`, which MLP fits await) or when the
// kernel starts; `tf.setBackend(name)` — from a cell, a script — is respected, before the first fit or
// after, and `useTfBackend` chooses explicitly ('auto' to go back to the automatic choice). WebAssembly
// and WebGPU are separate packages loaded only when chosen or asked for; in a browser build their .wasm
// files are the bundler's assets (tf-wasm-files.ts), in Node the package finds them itself.
import * as tf from '@tensorflow/tfjs';

export type TfBackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type TfBackendChoice = TfBackendName | 'auto';

/** What the environment offers, as far as the choice is concerned. */
export type BackendProbe = { webgpu: boolean; webglAccelerated: boolean; wasm: boolean };

/** The backends to try, best first. Pure, for tests. */
export function backendCandidates(probe: BackendProbe): TfBackendName[] {
  const names: TfBackendName[] = [];
  if (probe.webgpu) names.push('webgpu');
  if (probe.webglAccelerated) names.push('webgl');
  if (probe.wasm) names.push('wasm');
  names.push('cpu');
  return names;
}

const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|basic render/i;

/** True for a WebGL2 context on a GPU; false for none and for software renderers. */
export function isHardwareRenderer(renderer: string | null): boolean {
  return !!renderer && !SOFTWARE_RENDERER.test(renderer);
}

function webglRenderer(): string | null {
  try {
    const canvas =
      typeof OffscreenCanvas !== 'undefined'
        ? new OffscreenCanvas(1, 1)
        : typeof document !== 'undefined'
          ? document.createElement('canvas')
          : null;
    const gl = canvas?.getContext('webgl2', { failIfMajorPerformanceCaveat: true }) as
      | WebGL2RenderingContext
      | null
      | undefined;
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return null;
  }
}

type GpuAdapter = { isFallbackAdapter?: boolean; info?: { isFallbackAdapter?: boolean } };
type NavigatorWithGpu = { gpu?: { requestAdapter(): Promise<GpuAdapter | null> } };

async function realWebGpuAdapter(): Promise<boolean> {
  const gpu = (globalThis.navigator as NavigatorWithGpu | undefined)?.gpu;
  if (!gpu) return false;
  try {
    const adapter = await gpu.requestAdapter();
    return !!adapter && !adapter.isFallbackAdapter && !adapter.info?.isFallbackAdapter;
  } catch {
    return false;
  }
}

export async function probeEnvironment(): Promise<BackendProbe> {
  return {
    webgpu: !isNode && (await realWebGpuAdapter()),
    webglAccelerated: !isNode && isHardwareRenderer(webglRenderer()),
    wasm: typeof WebAssembly === 'object',
  };
}

// ---------------------------------------------------------------------------------------------------
// Loading the optional backends

type WasmModule = typeof import('@tensorflow/tfjs-backend-wasm');
let wasmModule: Promise<WasmModule> | null = null;

const isNode = typeof process !== 'undefined' && !!process.versions?.node;

function loadWasm(): Promise<WasmModule> {
  return (wasmModule ??= (async () => {
    const m = await import('@tensorflow/tfjs-backend-wasm');
    // Threads: on a cross-origin-isolated page tfjs loads its threaded build by itself, and XNNPACK
    // then uses half the logical cores (it assumes two hyperthreads a core), at most 8.
    if (!isNode) m.setWasmPaths((await import('./tf-wasm-files')).WASM_FILE_URLS);
    return m;
  })());
}

async function register(name: TfBackendName): Promise<void> {
  if (tf.findBackendFactory(name)) return;
  if (name === 'wasm') await loadWasm();
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
}

// `tf.setBackend(name)` from user code (a cell, a script) is the user's pick: the automatic choice then
// keeps it instead of switching away at the first fit. tf.setBackend calls the engine's method, so
// wrapping that sees every call; the wrapper also loads WASM and WebGPU on demand, which tfjs alone
// would refuse as 'not found in registry'.
let userPick: string | null = null;
let choosing = false;
const engine = tf.engine();
const engineSetBackend = engine.setBackend.bind(engine);
engine.setBackend = async (name: string): Promise<boolean> => {
  if (choosing) return engineSetBackend(name);
  if (name === 'wasm' || name === 'webgpu') await register(name).catch(() => undefined);
  const set = await engineSetBackend(name);
  if (set) userPick = name;
  return set;
};

async function trySet(name: TfBackendName): Promise<boolean> {
  try {
    await register(name);
    choosing = true; // read synchronously by the wrapper above
    const set = tf.setBackend(name);
    choosing = false;
    if (!(await set)) return false;
    await tf.ready();
    return true;
  } catch {
    return false; // e.g. no WebGL in this worker: the caller tries the next
  }
}

// ---------------------------------------------------------------------------------------------------
// The choice

let chosen: Promise<string> | null = null;

/**
 * Choose the backend: 'auto' (the default) for the best available, or a name. Resolves to the backend
 * in use; a named backend that cannot start here rejects and leaves the backend as it was.
 */
export function useTfBackend(choice: TfBackendChoice = 'auto'): Promise<string> {
  const p = (async () => {
    if (choice === 'auto') {
      for (const name of backendCandidates(await probeEnvironment())) if (await trySet(name)) return name;
      return tf.getBackend();
    }
    if (await trySet(choice)) return choice;
    throw new Error(`The TensorFlow.js backend '${choice}' is not available here; still using '${tf.getBackend()}'.`);
  })();
  chosen = p.catch(() => tf.getBackend());
  return p;
}

/**
 * The backend chosen once per realm: automatically, unless `useTfBackend` or `tf.setBackend` chose
 * first (then that one, once it is ready).
 */
export function ensureTfBackend(): Promise<string> {
  return (chosen ??= userPick !== null ? tf.ready().then(() => tf.getBackend()) : useTfBackend('auto'));
}

/** The backend in use and how it runs: 'wasm (SIMD, 2 threads)', 'webgl', 'cpu'. */
export async function describeTfBackend(): Promise<string> {
  const name = tf.getBackend();
  if (name !== 'wasm') return name;
  const m = await loadWasm();
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = m.getThreadsCount();
  const parts = [simd ? 'SIMD' : 'no SIMD', threads > 1 ? `${threads} threads` : '1 thread'];
  return `wasm (${parts.join(', ')})`;
}
