// Model selection, scikit-learn's `sklearn.model_selection` (splitters are in split.ts):
//   model-selection-clone.ts    clone(est), nested `step__param` params, estimator repr
//   model-selection-scoring.ts  scoring names ('r2', 'neg_mean_squared_error', 'accuracy', 'f1', …)
//   model-selection-cv.ts       crossValidate, crossValScore (async: some estimators fit async)
//   model-selection-grid.ts     GridSearch (GridSearchCV), with per-candidate events for autolog
export { clone, estimatorRepr, camelCase, isEstimator } from './model-selection-clone';
export { getScorer, scorerNames, type Scorer, type Scoring } from './model-selection-scoring';
export {
  crossValidate, crossValScore, checkCv, type CvInput, type CrossValidateOptions, type CrossValidateResult,
} from './model-selection-cv';
export {
  GridSearch, parameterGrid, type GridSearchOptions, type GridSearchEvent, type GridSearchListener,
  type CandidateInfo, type CvResults, type ParamGrid,
} from './model-selection-grid';
