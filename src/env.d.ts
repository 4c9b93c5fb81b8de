/** The app's version from package.json, injected at build time (and by vitest). */
declare const __KIROKU_VERSION__: string;
