// "Save as PNG": a chart's canvas copied onto an opaque background (a transparent PNG is unreadable
// in a dark image viewer) with its title above, then `toBlob` and a download.
import { saveBlob } from '../../components/download';
import { themeColors } from './uplot';
import { t } from '../../i18n/t';

export async function canvasToPng(source: HTMLCanvasElement, title: string): Promise<Blob> {
  const { bg, fg } = themeColors();
  const ratio = source.width / (source.clientWidth || source.width);
  const titleHeight = Math.round(28 * ratio);
  const out = document.createElement('canvas');
  out.width = source.width;
  out.height = source.height + titleHeight;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = bg;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = fg;
  ctx.font = `${Math.round(14 * ratio)}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.fillText(title, 8 * ratio, titleHeight / 2);
  ctx.drawImage(source, 0, titleHeight);
  return new Promise((resolve, reject) =>
    out.toBlob((b) => (b ? resolve(b) : reject(new Error(t('misc.png')))), 'image/png'),
  );
}

export async function savePng(source: HTMLCanvasElement, title: string): Promise<void> {
  saveBlob(
    await canvasToPng(source, title),
    `${title.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'chart'}.png`,
  );
}
