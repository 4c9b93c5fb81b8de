import { afterEach, describe, expect, it } from 'vitest';
import { Fluent } from '../../src/tracking/fluent';
import { closeStores } from '../../src/tracking/uri';

afterEach(async () => {
  await closeStores();
});

/** Read back width, height and raw RGBA rows from the PNG we wrote (signature, IHDR, IDAT). */
async function decode(bytes: Uint8Array) {
  expect(Array.from(bytes.slice(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  let at = 8;
  let idat = new Uint8Array();
  while (at < bytes.length) {
    const len = view.getUint32(at);
    const type = String.fromCharCode(...bytes.slice(at + 4, at + 8));
    if (type === 'IDAT') idat = bytes.slice(at + 8, at + 8 + len);
    at += 12 + len;
  }
  const raw = new Uint8Array(
    await new Response(new Blob([idat]).stream().pipeThrough(new DecompressionStream('deflate'))).arrayBuffer(),
  );
  return { width, height, raw };
}

describe('logImage and logFigure', () => {
  it('writes pixel arrays as PNG (floats in [0, 1] scaled to 0–255, grayscale to RGB)', async () => {
    const mlflow = new Fluent('memory:images');
    const run = await mlflow.startRun();
    await mlflow.logImage(
      [
        [0, 0.5],
        [1, 0.25],
      ],
      'gray.png',
    );
    await mlflow.logImage(
      [
        [
          [255, 0, 0],
          [0, 255, 0],
        ],
      ],
      'rgb.png',
    );
    const gray = await mlflow.getArtifact(run.info.runId, 'gray.png');
    expect(gray.type).toBe('image/png');
    const g = await decode(new Uint8Array(await gray.arrayBuffer()));
    expect([g.width, g.height]).toEqual([2, 2]);
    expect(Array.from(g.raw)).toEqual([0, 0, 0, 0, 255, 127, 127, 127, 255, 0, 255, 255, 255, 255, 63, 63, 63, 255]);
    const c = await decode(new Uint8Array(await (await mlflow.getArtifact(run.info.runId, 'rgb.png')).arrayBuffer()));
    expect(Array.from(c.raw)).toEqual([0, 255, 0, 0, 255, 0, 255, 0, 255]);
    await expect(mlflow.logImage([[[1, 2]]] as never, 'bad.png')).rejects.toThrow(
      'Images need 1, 3 or 4 channels per pixel; got 2.',
    );
    await mlflow.endRun();
  });

  it('saves a chart figure as JSON the run page can draw', async () => {
    const mlflow = new Fluent('memory:figures');
    const run = await mlflow.startRun();
    const figure = {
      type: 'line' as const,
      title: 'loss',
      x: { values: [0, 1, 2] },
      series: [{ name: 'loss', values: [3, 2, 1] }],
    };
    await mlflow.logFigure(figure, 'plots/loss');
    const saved = await mlflow.getArtifact(run.info.runId, 'plots/loss.json');
    expect(saved.type).toBe('application/vnd.kiroku.chart+json');
    expect(JSON.parse(await saved.text())).toEqual(figure);
    await mlflow.endRun();
  });
});
