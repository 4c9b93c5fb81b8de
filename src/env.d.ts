/** The app's version from package.json, injected at build time (and by vitest). */
declare const __KIROKU_VERSION__: string;
/** package.json's dependencies (name → version), injected at build time: what a logged model needs. */
declare const __KIROKU_DEPS__: Record<string, string>;

/** The web predictor's prebuilt scripts (vite.config.ts). */
declare module 'virtual:kiroku-web-predictor' {
  export const runtime: string;
  export const demo: string;
}

/** The `kiroku` server bundled for a Docker directory, file by file (vite.config.ts). */
declare module 'virtual:kiroku-model-server' {
  export const files: Record<string, string>;
}
