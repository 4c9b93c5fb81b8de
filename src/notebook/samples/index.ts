// The built-in sample notebooks, in the order the notebook list offers them. The first is what a new
// user finds on their first visit.
import type { Sample } from './build';
import { SWEEP } from './sweep';
import { TFJS } from './tfjs';
import { WALKTHROUGH, WALKTHROUGH_JA } from './walkthrough';

export type { Sample };
export const SAMPLES: readonly Sample[] = [WALKTHROUGH, WALKTHROUGH_JA, TFJS, SWEEP];
