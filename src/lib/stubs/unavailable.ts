// Stands in for danfojs's optional heavy dependencies (Plotly for `df.plot`, SheetJS for Excel) in
// browser builds: Kiroku draws its own charts and reads CSV, and shipping ~5 MB for them would make
// every page that loads data slower. Calling them says so instead of failing obscurely.
function unavailable(): never {
  throw new Error(
    'This danfojs feature (plotting or Excel files) is not included in Kiroku; use display() charts and CSV files.',
  );
}

export default new Proxy({}, { get: () => unavailable });
export const newPlot = unavailable;
export const read = unavailable;
export const readFile = unavailable;
export const utils = new Proxy({}, { get: () => unavailable });
export const writeFile = unavailable;
