// How long a cell takes to transpile before it runs (sucrase strips types, acorn parses, the rewriter
// instruments): a typical 20-line cell and a 1,000-line one.
import { report, timeIt, round } from './report';
import { transpileCell } from '../src/notebook/worker/transpile';

const cell = `import { ElasticNet } from 'kiroku';
const df: any = await loadCSV('winequality-red.csv');
const features = df.columns.filter((c: string) => c !== 'quality');
const alphas = [0.01, 0.1, 1];
for (const alpha of alphas) {
  await mlflow.startRun({ runName: \`enet-\${alpha}\`, nested: true }, async () => {
    const model = new ElasticNet({ alpha, l1Ratio: 0.5 });
    model.fit(df.loc({ columns: features }), df['quality']);
    const pred = model.predict(df.loc({ columns: features }));
    let se = 0;
    for (let i = 0; i < pred.length; i++) {
      const d = pred[i] - df['quality'].values[i];
      se += d * d;
    }
    await mlflow.logMetric('rmse', Math.sqrt(se / pred.length));
  });
}
interface Row { alpha: number; rmse: number }
const rows: Row[] = [];
rows
`;
const lines = cell.split('\n').length;
// Copies of the cell body in blocks (so their declarations do not clash), about 1,000 lines.
const body = cell.replace(/^import .*\n/m, '');
const big =
  `${cell.split('\n')[0]}\n` + Array.from({ length: Math.ceil(1000 / lines) }, () => `{\n${body}}`).join('\n');
const options = {
  language: 'typescript' as const,
  sourceUrl: 'kiroku-cell-1.js',
  kernelName: (n: string) => (['loadCSV', 'mlflow'].includes(n) ? ('let' as const) : undefined),
  isGlobal: (n: string) => n in globalThis,
};

for (const [name, code] of [
  ['typical', cell],
  ['large', big],
] as const) {
  const t = await timeIt(() => transpileCell(code, options), 20);
  report({
    bench: `notebook.transpile.${name}`,
    lines: code.split('\n').length,
    chars: code.length,
    medianMs: t.medianMs,
    minMs: t.minMs,
    linesPerMs: round(code.split('\n').length / t.medianMs, 1),
  });
}
