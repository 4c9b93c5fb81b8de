// TensorFlow.js Layers models: `model.json` (topology and weights manifest) and `weights.bin`, the
// layout `tf.loadLayersModel` reads. TensorFlow.js is imported only when such a model is saved or
// loaded, so pages without one never pay for it.
import type * as tfTypes from '@tensorflow/tfjs';
import type { Flavor } from './flavor';
import { toMatrix, type MatrixInput } from '../../data/frame';

export const TFJS_FLAVOR = 'tfjs';

function isLayersModel(m: unknown): m is tfTypes.LayersModel {
  const x = m as { save?: unknown; predict?: unknown; getConfig?: unknown; layers?: unknown } | null;
  return (
    !!x &&
    typeof x.save === 'function' &&
    typeof x.predict === 'function' &&
    typeof x.getConfig === 'function' &&
    Array.isArray(x.layers)
  );
}

export const tfjsFlavor: Flavor<tfTypes.LayersModel> = {
  name: TFJS_FLAVOR,
  canSave: isLayersModel,
  async save(model) {
    const tf = await import('@tensorflow/tfjs');
    let saved: tfTypes.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    if (!saved?.weightData) throw new Error('TensorFlow.js returned no weights for this model.');
    const weights =
      saved.weightData instanceof ArrayBuffer ? saved.weightData : new Blob(saved.weightData as ArrayBuffer[]);
    const modelJson = {
      format: 'layers-model',
      generatedBy: `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
      convertedBy: null,
      modelTopology: saved.modelTopology,
      weightsManifest: [{ paths: ['weights.bin'], weights: saved.weightSpecs }],
    };
    return {
      conf: { data: 'model.json', tfjs_version: tf.version.tfjs, keras_model_class: model.getClassName() },
      files: { 'model.json': JSON.stringify(modelJson), 'weights.bin': weights },
    };
  },
  async load(ctx) {
    const tf = await import('@tensorflow/tfjs');
    const json = JSON.parse(await (await ctx.read(String(ctx.conf.data ?? 'model.json'))).text()) as {
      modelTopology: object;
      weightsManifest: Array<{ paths: string[]; weights: tfTypes.io.WeightsManifestEntry[] }>;
    };
    const weightSpecs = json.weightsManifest.flatMap((g) => g.weights);
    const buffers = await Promise.all(
      json.weightsManifest.flatMap((g) => g.paths).map(async (p) => (await ctx.read(p)).arrayBuffer()),
    );
    const weightData = concat(buffers);
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData }),
    );
    return {
      raw: model,
      predict(X: unknown) {
        const out = tf.tidy(() => model.predict(toTensor(tf, X)) as tfTypes.Tensor);
        try {
          return out.shape.length === 2 && out.shape[1] === 1 ? Array.from(out.dataSync()) : out.arraySync();
        } finally {
          out.dispose();
        }
      },
    };
  },
};

function concat(buffers: ArrayBuffer[]): ArrayBuffer {
  if (buffers.length === 1) return buffers[0]!;
  const total = buffers.reduce((n, b) => n + b.byteLength, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const b of buffers) {
    out.set(new Uint8Array(b), at);
    at += b.byteLength;
  }
  return out.buffer;
}

/** A Table, rows of numbers or a Matrix → a 2-D float tensor (row-major, as tfjs wants it). */
function toTensor(tf: typeof tfTypes, X: unknown): tfTypes.Tensor {
  const m = toMatrix(X as MatrixInput);
  const rowMajor = new Float32Array(m.rows * m.cols);
  for (let j = 0; j < m.cols; j++) for (let i = 0; i < m.rows; i++) rowMajor[i * m.cols + j] = m.data[j * m.rows + i]!;
  return tf.tensor2d(rowMajor, [m.rows, m.cols]);
}
