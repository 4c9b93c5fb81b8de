/** The TypeScript module scripts/build-wasm.mjs writes for one .wat file of src/ml/wasm. */
export function compiled(watFile: string): Promise<string>;
