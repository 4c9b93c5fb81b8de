import { describe, expect, it } from 'vitest';
import { tracebackLines } from '../../src/notebook/traceback-format';

describe('traceback lines', () => {
  it("tell the message, the cells' frames and their code, library frames and causes apart", () => {
    const lines = tracebackLines([
      "TypeError: Cannot read properties of null (reading 'x')",
      '    at check (enforce.ts:120)',
      '    at fit (estimator.ts:44)',
      '    at train (cell [3], line 5)',
      '        return model.fit(X, y);',
      '    at async cell line 2',
      '        await train();',
      '    at startRun (fluent.ts:88)',
      '    at <anonymous> (cell line 7)',
      'Caused by: RangeError: too far',
    ]);
    expect(lines.map((l) => l.kind)).toEqual([
      'message',
      'library',
      'library',
      'cell',
      'source',
      'cell',
      'source',
      'library',
      'cell',
      'cause',
    ]);
  });

  it('keeps a message of several lines a message', () => {
    expect(tracebackLines(['DataError: bad row', '  line 3: "a;b"', '    at cell line 1']).map((l) => l.kind)).toEqual([
      'message',
      'message',
      'cell',
    ]);
  });
});
