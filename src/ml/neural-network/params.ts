// scikit-learn's MLP params (MLPRegressor's and MLPClassifier's), camelCased, with their defaults, the
// names they are logged under and the checks a fit makes of them, with scikit-learn's messages.
import { checkOneOf, checkRange, snakeCase } from '../core/estimator';
import { KirokuError } from '../../lib/errors';

export type Activation = 'identity' | 'logistic' | 'tanh' | 'relu';

/** scikit-learn's MLP params, camelCased (`beta1` is logged as `beta_1`). `lbfgs` is not offered. */
export type MLPParams = {
  hiddenLayerSizes: number[];
  activation: Activation;
  solver: 'adam' | 'sgd';
  /** L2 penalty strength. */
  alpha: number;
  batchSize: number | 'auto';
  /** SGD only: 'constant', 'invscaling' (lr / t^powerT) or 'adaptive' (÷5 when stuck). */
  learningRate: 'constant' | 'invscaling' | 'adaptive';
  learningRateInit: number;
  powerT: number;
  /** Epochs. */
  maxIter: number;
  shuffle: boolean;
  randomState: number | null;
  tol: number;
  verbose: boolean;
  momentum: number;
  nesterovsMomentum: boolean;
  earlyStopping: boolean;
  validationFraction: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  nIterNoChange: number;
};

export const MLP_DEFAULTS: MLPParams = {
  hiddenLayerSizes: [100],
  activation: 'relu',
  solver: 'adam',
  alpha: 0.0001,
  batchSize: 'auto',
  learningRate: 'constant',
  learningRateInit: 0.001,
  powerT: 0.5,
  maxIter: 200,
  shuffle: true,
  randomState: null,
  tol: 1e-4,
  verbose: false,
  momentum: 0.9,
  nesterovsMomentum: true,
  earlyStopping: false,
  validationFraction: 0.1,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8,
  nIterNoChange: 10,
};

/** scikit-learn's snake_case where plain case conversion differs (`beta_1`, not `beta1`). */
export function mlpParamName(key: string): string {
  return key === 'beta1' ? 'beta_1' : key === 'beta2' ? 'beta_2' : snakeCase(key);
}

export function checkMLPParams(name: string, p: MLPParams): void {
  const sizes = p.hiddenLayerSizes;
  if (!Array.isArray(sizes) || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new KirokuError(`hidden_layer_sizes must be > 0, got ${JSON.stringify(sizes)}.`, 'INVALID_PARAMETER_VALUE');
  }
  checkOneOf(name, 'activation', p.activation, ['identity', 'logistic', 'tanh', 'relu']);
  checkOneOf(name, 'solver', p.solver, ['adam', 'sgd']);
  checkOneOf(name, 'learningRate', p.learningRate, ['constant', 'invscaling', 'adaptive']);
  checkRange(name, 'alpha', p.alpha, 0, Infinity);
  if (p.batchSize !== 'auto') checkRange(name, 'batchSize', p.batchSize, 1, Infinity, { integer: true });
  checkRange(name, 'learningRateInit', p.learningRateInit, 0, Infinity, { loOpen: true });
  checkRange(name, 'maxIter', p.maxIter, 1, Infinity, { integer: true });
  checkRange(name, 'tol', p.tol, 0, Infinity);
  checkRange(name, 'momentum', p.momentum, 0, 1);
  checkRange(name, 'validationFraction', p.validationFraction, 0, 1, { hiOpen: true });
  checkRange(name, 'beta1', p.beta1, 0, 1, { hiOpen: true });
  checkRange(name, 'beta2', p.beta2, 0, 1, { hiOpen: true });
  checkRange(name, 'epsilon', p.epsilon, 0, Infinity, { loOpen: true });
  checkRange(name, 'nIterNoChange', p.nIterNoChange, 1, Infinity, { integer: true });
}
