// Run by cli.test.ts in a fresh Node process: load and use the model folder argv[2], then report whether
// TensorFlow.js was loaded — and, to show the probe can see it, whether it is after importing it.
import { openModel } from '../../src/deploy/open-model';

const model = await openModel(process.argv[2]!);
model.predict(JSON.parse(process.argv[3]!));
const before = '_tfengine' in globalThis;
await import('@tensorflow/tfjs');
console.log(JSON.stringify({ before, after: '_tfengine' in globalThis }));
