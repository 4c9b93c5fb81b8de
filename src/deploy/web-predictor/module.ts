// A model's web predictor, put together at download time in the app (no bundler runs there): the model
// as a constant before the prebuilt runtime (build.ts, runtime.ts), and the one-page demo around it.
import { KirokuError } from '../../lib/errors';
import { KIROKU_VERSION } from '../../lib/build-info';
import { usesTensorFlow } from '../../ml/estimator-modules';
import { ESTIMATOR_FLAVOR } from '../../logged-model/flavors/estimator-flavor';
import { readMLmodelAt } from '../../logged-model/logged-model';
import type { ModelLocation } from '../../logged-model/model-source';
import type { WebPredictorModel } from './model';

/** The model at `location` as a web predictor carries it; a model it cannot carry is refused saying why. */
export async function webPredictorModel(uri: string, location: ModelLocation): Promise<WebPredictorModel> {
  const doc = await readMLmodelAt(location);
  const conf = doc.flavors[ESTIMATOR_FLAVOR];
  if (!conf) {
    const flavors = Object.keys(doc.flavors)
      .filter((f) => f !== 'python_function')
      .join(', ');
    throw new KirokuError(
      `A web predictor holds Kiroku's estimators (flavor ${ESTIMATOR_FLAVOR}); this model's flavor is ${flavors}, ` +
        `which has no web predictor yet. Serve it with \`npx kiroku models serve\` instead.`,
      'INVALID_PARAMETER_VALUE',
    );
  }
  const file = typeof conf.data === 'string' ? conf.data : 'model.json';
  const json = await (await location.read(file)).text();
  if (usesTensorFlow(JSON.parse(json))) {
    throw new KirokuError(
      'This model holds an MLP, which needs TensorFlow.js: it has no web predictor yet. Serve it with `npx kiroku ' +
        'models serve` instead.',
      'INVALID_PARAMETER_VALUE',
    );
  }
  return {
    uri,
    flavor: ESTIMATOR_FLAVOR,
    conf,
    files: { [file]: json },
    ...(doc.signature ? { signature: doc.signature } : {}),
    createdBy: `kiroku ${KIROKU_VERSION}`,
  };
}

/** JSON that can stand in a script and in an HTML <script> element: `<` escaped, so no `</script>` ends it. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The predictor module's text: `import { predict } from './wine-predictor.mjs'`. */
export function webPredictorModule(runtime: string, model: WebPredictorModel): string {
  return (
    `// Web predictor of ${model.uri.replace(/[\r\n\u2028\u2029]/g, ' ')}, made by ${model.createdBy}. Use: import ` +
    `{ predict } from './this-file.mjs'; predict(records)\n` +
    `const KIROKU_MODEL = ${scriptSafeJson(model)};\n${runtime}`
  );
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The demo page: the predictor inside as JSON text, the demo script inline; opens from a host or a file. */
export function webPredictorPage(demo: string, moduleText: string, title: string): string {
  const t = escapeHtml(title);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t}</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem; color: #1f2937; }
#drop { border: 2px dashed #9ca3af; border-radius: 8px; padding: 2rem; text-align: center; }
#drop.over { border-color: #2563eb; background: #eff6ff; }
#error { color: #b91c1c; white-space: pre-wrap; }
table { border-collapse: collapse; margin-top: 1rem; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #e5e7eb; padding: 2px 8px; text-align: right; }
</style>
</head>
<body>
<h1>${t}</h1>
<div id="drop">
<p>Drop a CSV file here, or choose one:</p>
<input id="csv" type="file" accept=".csv,text/csv" aria-label="CSV file">
</div>
<p id="status" role="status"></p>
<p id="error" role="alert"></p>
<table id="predictions" aria-label="Predictions"></table>
<script type="application/json" id="kiroku-predictor">${scriptSafeJson(moduleText)}</script>
<script type="module">${demo}</script>
</body>
</html>
`;
}
