// The part of TensorFlow.js the notebook's editor knows (cells get the whole package as `tf`). Hand-kept:
// the package's own declarations are 1.7 MB in about a thousand files (tfjs-core, tfjs-layers, …), too much
// for the editor's TypeScript worker to load with the notebook. scripts/gen-cell-types.ts reads this file
// for '@tensorflow/tfjs' (the `paths` of its bundling step).
export type Rank = number;
export interface Tensor {
  readonly shape: number[];
  readonly dtype: string;
  data(): Promise<Float32Array | Int32Array | Uint8Array>;
  dataSync(): Float32Array | Int32Array | Uint8Array;
  array(): Promise<unknown>;
  arraySync(): unknown;
  dispose(): void;
  print(): void;
  [op: string]: any;
}
export interface Logs {
  [key: string]: number | undefined;
  loss?: number;
  acc?: number;
  val_loss?: number;
  val_acc?: number;
}
export interface History {
  history: Record<string, number[]>;
  epoch: number[];
}
export interface ModelFitArgs {
  epochs?: number;
  batchSize?: number;
  validationSplit?: number;
  shuffle?: boolean;
  verbose?: 0 | 1;
  callbacks?: {
    onEpochEnd?: (epoch: number, logs?: Logs) => void | Promise<void>;
    onBatchEnd?: (batch: number, logs?: Logs) => void | Promise<void>;
  };
}
export interface Layer {
  [key: string]: any;
}
/** A trained network (`model_` of an MLP estimator); `tf.sequential()` makes one. */
export interface LayersModel {
  /** Set it from an epoch callback to stop training after this epoch. */
  stopTraining: boolean;
  compile(args: { optimizer: string | object; loss: string | string[]; metrics?: string[] }): void;
  fit(x: Tensor, y: Tensor, args?: ModelFitArgs): Promise<History>;
  predict(x: Tensor): Tensor;
  evaluate(x: Tensor, y: Tensor): Tensor | Tensor[];
  summary(): void;
  dispose(): void;
}
export interface Sequential extends LayersModel {
  add(layer: Layer): void;
}
export declare function tensor(values: unknown, shape?: number[], dtype?: string): Tensor;
export declare function tensor1d(values: ArrayLike<number> | number[], dtype?: 'float32' | 'int32' | 'bool'): Tensor;
export declare function tensor2d(
  values: number[][] | ArrayLike<number>,
  shape?: [number, number],
  dtype?: 'float32' | 'int32',
): Tensor;
export declare function oneHot(indices: Tensor, depth: number): Tensor;
export declare function tidy<T>(fn: () => T): T;
export declare function sequential(config?: { layers?: Layer[] }): Sequential;
export declare function getBackend(): string;
export declare function setBackend(name: 'webgl' | 'wasm' | 'cpu'): Promise<boolean>;
export declare function memory(): { numTensors: number; numBytes: number };
export declare namespace layers {
  function dense(args: {
    units: number;
    activation?: 'relu' | 'sigmoid' | 'softmax' | 'tanh' | 'linear';
    inputShape?: number[];
    useBias?: boolean;
  }): Layer;
  function dropout(args: { rate: number }): Layer;
}
export declare namespace train {
  function adam(learningRate?: number): object;
  function sgd(learningRate: number): object;
}
