// Model selection, scikit-learn's `sklearn.model_selection` (splitters are in split.ts):
//   clone.ts       clone(est), nested `step__param` params, estimator repr
//   scoring.ts     scoring names ('r2', 'neg_mean_squared_error', 'accuracy', 'f1', …)
//   validation.ts  crossValidate, crossValScore (async: some estimators fit async)
//   search.ts      GridSearch (GridSearchCV), with per-candidate events for autolog
export { clone, estimatorRepr, camelCase, isEstimator } from './clone';
export { getScorer, scorerNames, type Scorer, type Scoring } from './scoring';
export {
  crossValidate,
  crossValScore,
  checkCv,
  type CvInput,
  type CrossValidateOptions,
  type CrossValidateResult,
} from './validation';
export {
  GridSearch,
  parameterGrid,
  type GridSearchOptions,
  type GridSearchEvent,
  type GridSearchListener,
  type CandidateInfo,
  type CvResults,
  type ParamGrid,
} from './search';
