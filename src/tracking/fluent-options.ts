// The options of the fluent API's startRun and searchRuns (MLflow's `start_run` and `search_runs`).
import type { ViewType } from './store';

export interface StartRunOptions {
  runId?: string;
  experimentId?: string;
  runName?: string;
  nested?: boolean;
  parentRunId?: string;
  tags?: Record<string, unknown>;
  description?: string;
}

export interface SearchOptions {
  experimentIds?: string[];
  experimentNames?: string[];
  filter?: string;
  orderBy?: string[];
  maxResults?: number;
  pageToken?: string | null;
  runViewType?: ViewType;
}
