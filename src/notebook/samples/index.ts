// The built-in sample notebooks, in the order the notebook list offers them. The first is what a new
// user finds on their first visit.
import type { Sample } from './build';
import { SWEEP } from './sweep';
import { TFJS } from './tfjs';
import { WALKTHROUGH, WALKTHROUGH_JA } from './walkthrough';
import { LIVE_INPUTS, LIVE_INPUTS_JA } from './live-inputs';

export type { Sample };
export const SAMPLES: readonly Sample[] = [WALKTHROUGH, WALKTHROUGH_JA, TFJS, SWEEP, LIVE_INPUTS, LIVE_INPUTS_JA];

/** What a first visit opens, by the UI's language: a Japanese browser gets the Japanese walkthrough. */
export const FIRST_SAMPLE: Readonly<Record<'en' | 'ja', Sample>> = { en: WALKTHROUGH, ja: WALKTHROUGH_JA };
