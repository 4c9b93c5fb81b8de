import type { LifecycleStage } from './entities';
import type { ViewType } from './store';

/** MLflow's ViewType filter on lifecycle stage. */
export function matchesView(stage: LifecycleStage, view: ViewType): boolean {
  return view === 'ALL' || (view === 'ACTIVE_ONLY' ? stage === 'active' : stage === 'deleted');
}
