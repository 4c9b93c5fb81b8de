// The sample notebooks as data: the Japanese walkthrough runs exactly the English one's code, with its
// comments in Japanese, and the README names every sample.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES } from '../../src/notebook/samples';
import { localizeComments } from '../../src/notebook/samples/build';

const codeOf = (title: string) =>
  SAMPLES.find((s) => s.title === title)!
    .create()
    .cells.filter((c) => c.type === 'code')
    .map((c) => c.source);
const comments = (code: string) => [...code.matchAll(/\/\/ (.*)$/gm)].map((m) => m[1]!);
const withoutComments = (code: string) =>
  code
    .split('\n')
    .filter((l) => !/^\s*\/\//.test(l))
    .map((l) => l.replace(/;\s+\/\/ .*$/, ';'))
    .join('\n');

describe('sample notebooks', () => {
  it('the Japanese walkthrough runs the English code, commented in Japanese', () => {
    const en = codeOf('MLflow walkthrough');
    const ja = codeOf('MLflow ウォークスルー');
    expect(ja).toHaveLength(en.length);
    ja.forEach((code, i) => expect(withoutComments(code)).toBe(withoutComments(en[i]!)));
    const jaComments = ja.flatMap(comments);
    expect(jaComments.length).toBeGreaterThan(10);
    // Every comment line has Japanese in it (kana or kanji).
    for (const c of jaComments) expect(c, c).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('localizeComments replaces whole-line and trailing comments; refuses one it cannot translate', () => {
    const code = '  // one\n  // two\n  x(); // three\ny();';
    expect(localizeComments(code, { 'one two': ['一', '二'], three: ['三'] })).toBe(
      '  // 一\n  // 二\n  x(); // 三\ny();',
    );
    expect(() => localizeComments('// four', {})).toThrow('No translation for the comment: four');
  });

  it('the README names every sample', () => {
    const readme = readFileSync(resolve(__dirname, '../../README.md'), 'utf8');
    for (const s of SAMPLES) expect(readme, s.title).toContain(s.title);
  });
});
