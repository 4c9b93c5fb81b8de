/** The app's version from package.json, injected at build time (and by vitest). */
declare const __KIROKU_VERSION__: string;
/** package.json's dependencies (name → version), injected at build time: what a logged model needs. */
declare const __KIROKU_DEPS__: Record<string, string>;
