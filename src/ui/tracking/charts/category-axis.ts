// The category axis of a bar chart (run names, parameter settings): labels that fit their slot stay
// level; longer ones turn 45° (then 90°) as matplotlib's `rotation=45, ha='right'` does, so neighbours
// never overlap; too many for even that show every k-th; very long ones are cut with "…" (the legend
// under the cursor shows the whole). Pure: the caller measures text (a canvas with uPlot's font).

export interface CategoryAxis {
  /** Degrees off horizontal, as uPlot's `axis.rotate` takes them (the text ends at its tick). */
  rotate: 0 | 45 | 90;
  /** The labels to draw, '' where one is skipped. */
  labels: string[];
  /** The axis height uPlot must reserve below the plot (ticks, gap and labels; its title apart). */
  size: number;
  /** Room the first label needs left of the plot beyond the y axis' own width. */
  overhangLeft: number;
}

export const MAX_LABEL_CHARS = 24;
/** uPlot's default tick length and gap below the plot. */
const TICKS_AND_GAP = 15;
const MARGIN = 4;

const cut = (label: string) => (label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS - 1)}…` : label);

/**
 * Lay out `labels` under slots `slotWidth` px wide. `textWidth` measures a label; `lineHeight` is the
 * text's height; `yAxisWidth` is what the y axis already occupies left of the first slot.
 */
export function categoryAxis(
  labels: readonly string[],
  slotWidth: number,
  textWidth: (text: string) => number,
  lineHeight = 16,
  yAxisWidth = 50,
): CategoryAxis {
  const shown = labels.map(cut);
  const widest = Math.max(0, ...shown.map(textWidth));
  if (widest + 2 * MARGIN <= slotWidth)
    return { rotate: 0, labels: shown, size: TICKS_AND_GAP + lineHeight + MARGIN, overhangLeft: 0 };
  // Turned 45°, neighbouring labels are slotWidth·sin 45° apart, across the text.
  if (slotWidth * Math.SQRT1_2 >= lineHeight + 2) {
    const reach = widest * Math.SQRT1_2 + (lineHeight / 2) * Math.SQRT1_2;
    return {
      rotate: 45,
      labels: shown,
      size: Math.ceil(TICKS_AND_GAP + reach + MARGIN),
      overhangLeft: Math.max(0, Math.ceil(reach + MARGIN - slotWidth / 2 - yAxisWidth)),
    };
  }
  // Upright: labels are slotWidth apart; with less room than a line, every k-th label.
  const every = Math.max(1, Math.ceil((lineHeight + 2) / slotWidth));
  return {
    rotate: 90,
    labels: shown.map((l, i) => (i % every === 0 ? l : '')),
    size: Math.ceil(TICKS_AND_GAP + widest + MARGIN),
    overhangLeft: 0,
  };
}
