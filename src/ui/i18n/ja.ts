// The Japanese catalog. Typed as a Catalog: a key of en.ts missing here (or one en.ts lacks) fails the
// type check, so no string of the UI is left untranslated by oversight.
import type { Catalog } from './t';
import { notebook } from './ja/notebook';
import { settings } from './ja/settings';
import { experiments } from './ja/experiments';
import { run } from './ja/run';
import { models } from './ja/models';
import { predict } from './ja/predict';
import { artifacts } from './ja/artifacts';
import { outputs } from './ja/outputs';
import { shell } from './ja/shell';
import { deploy } from './ja/deploy';

export const ja: Catalog = {
  ...shell,
  ...notebook,
  ...outputs,
  ...artifacts,
  ...predict,
  ...models,
  ...run,
  ...experiments,
  ...settings,
  ...deploy,
};
