// Hostile and broken workspace archives, made here rather than committed as binaries (issue 15, items
// 1 and 2). Each starts from a real export and adds what an attacker or a damaged file would:
// - runs whose run.json has the wrong shape, keys and artifact paths with `../`, a bogus status, an
//   alias with `../`, an experiment with an empty name;
// - decompression bombs: entries of zeros deflated by hand (a fixed-Huffman block of 258-byte copies,
//   ~160:1) that the manifest does not name, and named entries whose header lies about their size.
// Run it alone to write the archives to a folder: `npx tsx test/workspace/hostile-archives.ts <dir> <workspace.zip>`.
import { deflateSync, unzipSync } from 'fflate';

const encoder = new TextEncoder();
export const json = (v: unknown) => encoder.encode(JSON.stringify(v));

export type Entry =
  | { name: string; data: Uint8Array }
  /** `zeros` bytes of zeros, deflated; the headers declare `declared` (default: the truth). */
  | { name: string; zeros: number; declared?: number };

// ── zip writing by hand (the bombs need headers that lie) ───────────────────

const CRC = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Raw deflate of `n` zeros: one fixed-Huffman block, a literal 0 then copies of 258 at distance 1. */
export function deflatedZeros(n: number): Uint8Array {
  const out = new Uint8Array(Math.ceil(((n / 258) * 13 + 64) / 8) + 16);
  let bit = 0;
  const put = (value: number, bits: number, reversed = false) => {
    for (let i = 0; i < bits; i++) {
      const b = reversed ? (value >> (bits - 1 - i)) & 1 : (value >> i) & 1;
      out[bit >> 3]! |= b << (bit & 7);
      bit++;
    }
  };
  put(1, 1); // BFINAL
  put(1, 2); // BTYPE 01: fixed Huffman
  let left = n;
  const literal0 = () => put(0b00110000, 8, true);
  if (left > 0) {
    literal0();
    left--;
  }
  while (left >= 258) {
    put(0b11000101, 8, true); // length code 285 = 258
    put(0, 5, true); // distance code 0 = 1
    left -= 258;
  }
  while (left-- > 0) literal0();
  put(0, 7, true); // end of block
  return out.subarray(0, (bit + 7) >> 3);
}

export function writeZip(entries: Entry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = encoder.encode(e.name);
    const isBomb = 'zeros' in e;
    const data = isBomb ? deflatedZeros(e.zeros) : deflateSync(e.data, { level: 6 });
    const size = isBomb ? (e.declared ?? e.zeros) : e.data.length;
    const crc = isBomb ? 0 : crc32(e.data);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint16(8, 8, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, data.length, true);
    local.setUint32(22, size >>> 0, true);
    local.setUint16(26, name.length, true);
    const dir = new DataView(new ArrayBuffer(46));
    dir.setUint32(0, 0x02014b50, true);
    dir.setUint16(4, 20, true);
    dir.setUint16(6, 20, true);
    dir.setUint16(10, 8, true);
    dir.setUint32(16, crc, true);
    dir.setUint32(20, data.length, true);
    dir.setUint32(24, size >>> 0, true);
    dir.setUint16(28, name.length, true);
    dir.setUint32(42, offset, true);
    parts.push(new Uint8Array(local.buffer), name, data);
    central.push(new Uint8Array(dir.buffer), name);
    offset += 30 + name.length + data.length;
  }
  const dirSize = central.reduce((s, p) => s + p.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, dirSize, true);
  end.setUint32(16, offset, true);
  const all = [...parts, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of all) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * A real export's entries, with `extra` added and the manifest naming each (with `named` sizes for entries it must
 * name).
 */
export function rebuild(archive: Uint8Array, extra: Entry[], options: { unnamed?: string[] } = {}): Uint8Array {
  const base = unzipSync(archive);
  const manifest = JSON.parse(new TextDecoder().decode(base['kiroku-workspace.json']!)) as {
    entries: Record<string, number>;
  };
  const entries: Entry[] = Object.entries(base)
    .filter(([n]) => n !== 'kiroku-workspace.json')
    .map(([name, data]) => ({ name, data }));
  for (const e of extra) {
    entries.push(e);
    if (!options.unnamed?.includes(e.name))
      manifest.entries[e.name] = 'zeros' in e ? (e.declared ?? e.zeros) : e.data.length;
  }
  entries.push({ name: 'kiroku-workspace.json', data: json(manifest) });
  return writeZip(entries);
}

// ── the hostile items ───────────────────────────────────────────────────────

const hex = (c: string) => c.repeat(32);

function runJson(
  runId: string,
  experimentId: string,
  patch: Record<string, unknown> = {},
  infoPatch: Record<string, unknown> = {},
) {
  return {
    info: {
      runId,
      runName: `hostile-${runId.slice(0, 4)}`,
      experimentId,
      userId: 'mallory',
      status: 'FINISHED',
      startTime: 1,
      endTime: 2,
      artifactUri: 'x',
      lifecycleStage: 'active',
      ...infoPatch,
    },
    params: {},
    metrics: {},
    tags: {},
    inputs: [],
    lastActivity: 2,
    metricKeys: [],
    artifacts: [],
    ...patch,
  };
}

/** Runs and registry items that break MLflow's rules, each in its own entry, all named by the manifest. */
export function hostileItems(experimentId: string): Entry[] {
  const run = (id: string, body: unknown): Entry => ({ name: `tracking/runs/${id}/run.json`, data: json(body) });
  return [
    run(hex('1'), { info: null, params: 7 }), // wrong shape: "Cannot convert undefined or null to object" before
    run(hex('2'), runJson(hex('2'), experimentId, { params: { '../../evil': 'x' } })),
    run(hex('3'), runJson(hex('3'), experimentId, { tags: { '../../../etc/passwd': 'x' } })),
    run(
      hex('4'),
      runJson(hex('4'), experimentId, {
        artifacts: [{ path: '../../outside.txt', contentType: 'text/plain', size: 4 }],
      }),
    ),
    { name: `tracking/runs/${hex('4')}/artifacts/../../outside.txt`, data: encoder.encode('evil') },
    run(hex('5'), runJson(hex('5'), experimentId, {}, { status: 'BOGUS' })),
    run(hex('6'), runJson(hex('6'), experimentId, { metrics: { loss: { value: 'high', step: 0, timestamp: 0 } } })),
    run('..%2F..%2Fx', runJson('../../x', experimentId)),
  ];
}

/** The registry and experiment lists of an archive, with hostile entries appended. */
export function hostileRegistry(archive: Uint8Array): Entry[] {
  const base = unzipSync(archive);
  const models = JSON.parse(new TextDecoder().decode(base['registry/models.json']!)) as unknown[];
  const experiments = JSON.parse(new TextDecoder().decode(base['tracking/experiments.json']!)) as unknown[];
  return [
    {
      name: 'registry/models.json',
      data: json([
        ...models,
        {
          name: 'evil',
          description: '',
          creationTimestamp: 1,
          lastUpdatedTimestamp: 1,
          tags: {},
          aliases: { '../champion': '1' },
        },
      ]),
    },
    {
      name: 'tracking/experiments.json',
      data: json([
        ...experiments,
        {
          experimentId: '77',
          name: '',
          artifactLocation: 'x',
          lifecycleStage: 'active',
          tags: {},
          creationTime: 1,
          lastUpdateTime: 1,
        },
      ]),
    },
  ];
}

/** Replaces entries of the same name (the hostile registry and experiment lists). */
export function rebuildReplacing(archive: Uint8Array, extra: Entry[]): Uint8Array {
  const names = new Set(extra.map((e) => e.name));
  const base = unzipSync(archive);
  for (const n of names) delete base[n];
  const manifest = JSON.parse(new TextDecoder().decode(base['kiroku-workspace.json']!)) as {
    entries: Record<string, number>;
  };
  for (const n of names) delete manifest.entries[n];
  base['kiroku-workspace.json'] = json(manifest);
  return rebuild(writeZipFrom(base), extra);
}

function writeZipFrom(files: Record<string, Uint8Array>): Uint8Array {
  return writeZip(Object.entries(files).map(([name, data]) => ({ name, data })));
}

export const GiB = 1 << 30;

/** The bomb: four 1 GiB entries of zeros the manifest does not name. */
export function unreferencedBombs(count = 4, size = GiB): Entry[] {
  return Array.from({ length: count }, (_, i) => ({ name: `padding/bomb-${i}.bin`, zeros: size }));
}

if (process.argv[1]?.endsWith('hostile-archives.ts')) {
  const [dir, source] = process.argv.slice(2);
  const { readFileSync, writeFileSync } = await import('node:fs');
  const base = new Uint8Array(readFileSync(source!));
  writeFileSync(`${dir}/hostile.zip`, rebuild(rebuildReplacing(base, hostileRegistry(base)), hostileItems('0')));
  const bombs = unreferencedBombs();
  writeFileSync(`${dir}/bomb.zip`, rebuild(base, bombs, { unnamed: bombs.map((b) => b.name) }));
  console.log(`wrote ${dir}/hostile.zip and ${dir}/bomb.zip`);
}
