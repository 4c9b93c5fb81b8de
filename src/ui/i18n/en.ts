// The English catalog: the source every other language translates (ja.ts has the same keys, by type).
// One file per area of the app under en/, so each stays short.
import { notebook } from './en/notebook';
import { settings } from './en/settings';
import { experiments } from './en/experiments';
import { run } from './en/run';
import { models } from './en/models';
import { predict } from './en/predict';
import { artifacts } from './en/artifacts';
import { outputs } from './en/outputs';
import { shell } from './en/shell';
import { deploy } from './en/deploy';

export const en = {
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
export type MessageKey = keyof typeof en;
