// The metric functions as users call them: the same functions, announcing each call (events.ts)
// so autolog can log post-training metrics. ml/index.ts exports these in place of the plain ones.
import { observed } from './events';
import * as m from './index';
import * as prf from './precision-recall';
import * as proba from './probability';

export const meanSquaredError = observed('mean_squared_error', m.meanSquaredError);
export const rootMeanSquaredError = observed('root_mean_squared_error', m.rootMeanSquaredError);
export const meanAbsoluteError = observed('mean_absolute_error', m.meanAbsoluteError);
export const r2Score = observed('r2_score', m.r2Score);
export const accuracyScore = observed('accuracy_score', m.accuracyScore);
export const precisionScore = observed('precision_score', prf.precisionScore);
export const recallScore = observed('recall_score', prf.recallScore);
export const f1Score = observed('f1_score', prf.f1Score);
export const logLoss = observed('log_loss', proba.logLoss);
export const rocAucScore = observed('roc_auc_score', proba.rocAucScore);
