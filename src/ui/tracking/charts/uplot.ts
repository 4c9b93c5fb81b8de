// uPlot (~21 KB gzipped, canvas, fast with 100k points) loaded on the first chart only, with its CSS;
// the notebook's chart outputs load the same module, so the app fetches it at most once. Colors come
// from the page's CSS variables at draw time, so charts follow the light or dark theme.
import type uPlotType from 'uplot';
import { useEffect, useState } from 'preact/hooks';

export type UPlot = typeof uPlotType;

let loading: Promise<UPlot> | undefined;

export function loadUplot(): Promise<UPlot> {
  loading ??= Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(
    ([m]) => (m as unknown as { default?: UPlot }).default ?? (m as unknown as UPlot),
  );
  return loading;
}

/** Series colors readable on both themes (Tableau 10, which keeps contrast on white and near-black). */
export const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

export function color(i: number): string {
  return PALETTE[i % PALETTE.length]!;
}

export interface ThemeColors {
  fg: string;
  muted: string;
  grid: string;
  bg: string;
}

export function themeColors(el: Element = document.documentElement): ThemeColors {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    fg: v('--fg', '#1b1f24'),
    muted: v('--muted', '#5a6470'),
    grid: v('--line', '#d8dee4'),
    bg: v('--bg', '#ffffff'),
  };
}

/** A counter that changes when the system switches between light and dark, to redraw charts. */
export function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const mq = matchMedia('(prefers-color-scheme: dark)');
    const bump = () => setVersion((v) => v + 1);
    mq.addEventListener('change', bump);
    return () => mq.removeEventListener('change', bump);
  }, []);
  return version;
}
