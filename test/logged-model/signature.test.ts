import { describe, expect, it, vi } from 'vitest';
import { DataFrame } from 'danfojs';
import { inferSignature, signatureFromDict, signatureToDict } from '../../src/logged-model/signature';
import { checkColumns, enforceSchema } from '../../src/logged-model/enforce';
import type { ColSpec } from '../../src/logged-model/signature';
import { parseModelUri } from '../../src/lib/model-uri';
import { type Table, toTable } from '../../src/data/index';

const wine = () =>
  new DataFrame({ alcohol: [9.4, 9.8, 10.5], 'free sulfur dioxide': [11, 25, 15], quality: [5, 5, 6] });

describe('model URIs', () => {
  const run = 'a'.repeat(32);
  it('parses runs:/ and models:/ forms', () => {
    expect(parseModelUri(`runs:/${run}/model`)).toEqual({ kind: 'runs', runId: run, path: 'model' });
    expect(parseModelUri(`runs:/${run}/nested/model/`)).toEqual({ kind: 'runs', runId: run, path: 'nested/model' });
    expect(parseModelUri('models:/wine/3')).toEqual({ kind: 'models', name: 'wine', version: '3' });
    expect(parseModelUri('models:/wine@champion')).toEqual({ kind: 'models', name: 'wine', alias: 'champion' });
    expect(parseModelUri('models:/wine/latest')).toEqual({ kind: 'models', name: 'wine', latest: true });
  });
  it("refuses malformed URIs with MLflow's messages", () => {
    expect(() => parseModelUri('runs:/abc/model')).toThrow(
      'Not a proper runs:/ URI: runs:/abc/model. Runs URIs must be of the form ' +
        "'runs:/<run_id>/run-relative/path/to/artifact'",
    );
    expect(() => parseModelUri('models:/wine/3@x')).toThrow('Not a proper models:/ URI: models:/wine/3@x.');
    expect(() => parseModelUri('s3://bucket/model')).toThrow("Unsupported model URI 's3://bucket/model'");
  });
});

describe('inferSignature', () => {
  it('names DataFrame columns with MLflow types; 1-D predictions are a float64 tensor', () => {
    const sig = inferSignature(wine(), new Float64Array([5.1, 5.2, 5.9]));
    expect(sig.inputs).toEqual([
      { type: 'double', name: 'alcohol', required: true },
      { type: 'long', name: 'free sulfur dioxide', required: true },
      { type: 'long', name: 'quality', required: true },
    ]);
    expect(sig.outputs).toEqual([{ type: 'tensor', 'tensor-spec': { dtype: 'float64', shape: [-1] } }]);
  });
  it('infers records, strings, booleans, missing values and row arrays', () => {
    const sig = inferSignature(
      [
        { island: 'Biscoe', mass: 3750, male: true },
        { island: 'Dream', mass: null, male: false },
      ],
      ['Adelie', 'Gentoo'],
    );
    expect(sig.inputs).toEqual([
      { type: 'string', name: 'island', required: true },
      { type: 'double', name: 'mass', required: false }, // whole numbers with a gap: float64 in pandas
      { type: 'boolean', name: 'male', required: true },
    ]);
    expect(sig.outputs).toEqual([{ type: 'string', required: true }]);
    expect(
      inferSignature([
        [1, 2.5],
        [3, 4],
      ]).inputs,
    ).toEqual([{ type: 'tensor', 'tensor-spec': { dtype: 'float64', shape: [-1, 2] } }]);
  });
  it('round-trips through the MLmodel dict form (JSON strings)', () => {
    const sig = inferSignature(wine(), new Float64Array(3), { threshold: 0.5 });
    const dict = signatureToDict(sig);
    expect(typeof dict.inputs).toBe('string');
    expect(JSON.parse(dict.params!)).toEqual([{ name: 'threshold', type: 'double', default: 0.5, shape: null }]);
    expect(signatureFromDict(dict)).toEqual(sig);
  });
});

describe('schema enforcement (MLflow rules and messages)', () => {
  const schema = inferSignature(wine()).inputs;
  const columns = (x: unknown) => {
    const t = x as Table;
    return Object.fromEntries(t.columns.map((c, j) => [c, Array.from(t.data[j] as ArrayLike<unknown>)]));
  };

  it('refuses missing columns, naming them and the extra ones', () => {
    expect(() => enforceSchema(schema, [{ alcohol: 9, quality: 5, sulfur: 3 }])).toThrow(
      "Model is missing inputs ['free sulfur dioxide']. Note that there were extra inputs: ['sulfur']",
    );
  });

  it('drops extra columns with a warning and reorders to the signature', () => {
    const out = enforceSchema(schema, [{ quality: 5, extra: 'x', 'free sulfur dioxide': 11, alcohol: 9.4 }]);
    expect(out.warnings).toEqual([
      "Found extra inputs in the model input that are not defined in the model signature: ['extra']. These inputs " +
        'will be ignored.',
    ]);
    expect((out.data as Table).columns).toEqual(['alcohol', 'free sulfur dioxide', 'quality']);
    expect(columns(out.data)).toEqual({ alcohol: [9.4], 'free sulfur dioxide': [11], quality: [5] });
  });

  it('widens int to double but never double to long, nor text to numbers', () => {
    expect(() => enforceSchema(schema, [{ alcohol: 9, 'free sulfur dioxide': 11, quality: 5 }])).not.toThrow();
    expect(
      (enforceSchema(schema, [{ alcohol: 9, 'free sulfur dioxide': 11, quality: 5 }]).data as Table).dtypes,
    ).toEqual(['float64', 'int64', 'int64']);
    expect(() => enforceSchema(schema, [{ alcohol: 9.4, 'free sulfur dioxide': 11.5, quality: 5 }])).toThrow(
      'Incompatible input types for column free sulfur dioxide. Can not safely convert float64 to int64.',
    );
    expect(() => enforceSchema(schema, [{ alcohol: '9.4', 'free sulfur dioxide': 11, quality: 5 }])).toThrow(
      'Incompatible input types for column alcohol. Can not safely convert object to float64.',
    );
    expect(() => enforceSchema(schema, [{ alcohol: true, 'free sulfur dioxide': 11, quality: 5 }])).toThrow(
      'Incompatible input types for column alcohol. Can not safely convert bool to float64.',
    );
  });

  it("adds MLflow's hint when whole numbers with gaps meet a long column", () => {
    expect(() =>
      enforceSchema(schema, [
        { alcohol: 9, 'free sulfur dioxide': null, quality: 5 },
        { alcohol: 9, 'free sulfur dioxide': 3, quality: 5 },
      ]),
    ).toThrow(
      'Incompatible input types for column free sulfur dioxide. Can not safely convert float64 to int64. Hint: the ' +
        'type mismatch is likely caused by missing values.',
    );
  });

  it('types the input from all its values: a decimal in the last row of a danfojs "int32" column is no long', () => {
    const xs = Array.from({ length: 1200 }, (_, i) => (i < 1199 ? i : 0.5));
    const df = new DataFrame({ alcohol: xs.map(() => 9.5), 'free sulfur dioxide': xs, quality: xs.map(() => 5) });
    expect(df.dtypes[1]).toBe('int32'); // danfojs's guess from its first 500 values
    expect(() => enforceSchema(schema, df)).toThrow('Can not safely convert float64 to int64.');
    // …and a model whose signature came from that frame accepts it, and any other doubles.
    const fromFrame = inferSignature(df).inputs;
    expect(fromFrame[1]).toEqual({ type: 'double', name: 'free sulfur dioxide', required: true });
    expect(() => enforceSchema(fromFrame, df)).not.toThrow();
  });

  it('lets missing values through, as MLflow does (the estimator names them if it cannot take them)', () => {
    const out = enforceSchema(schema, [
      { alcohol: NaN, 'free sulfur dioxide': 11, quality: 5 },
      { alcohol: 9, 'free sulfur dioxide': 1, quality: 5 },
    ]);
    expect(columns(out.data).alcohol).toEqual([NaN, 9]);
  });

  it('reports every column before predicting: ok, converted, missing, refused and extra', () => {
    const t = toTable([{ alcohol: 9, 'free sulfur dioxide': 1.5, extra: 'x' }]);
    expect(checkColumns(schema as ColSpec[], t)).toEqual([
      {
        column: 'alcohol',
        expected: 'double',
        found: 'long',
        status: 'converted',
        message: 'Converted from long to double.',
      },
      {
        column: 'free sulfur dioxide',
        expected: 'long',
        found: 'double',
        status: 'mismatch',
        message: 'Incompatible input types for column free sulfur dioxide. Can not safely convert float64 to int64.',
      },
      {
        column: 'quality',
        expected: 'long',
        found: null,
        status: 'missing',
        message: "Model is missing inputs ['quality'].",
      },
      { column: 'extra', expected: null, found: 'string', status: 'extra', message: 'Not a model input; ignored.' },
    ]);
  });

  it('takes unnamed rows of the right width in signature order, and checks tensor shapes', () => {
    expect(columns(enforceSchema(schema, [[9.4, 11, 5]]).data)).toEqual({
      alcohol: [9.4],
      'free sulfur dioxide': [11],
      quality: [5],
    });
    expect(() => enforceSchema(schema, [[9.4, 11]])).toThrow('the input has 2 unnamed columns');
    const tensor = inferSignature([
      [1, 2.5],
      [3, 4],
    ]).inputs;
    expect(() => enforceSchema(tensor, [[1, 2, 3]])).toThrow(
      'Shape of input (1, 3) does not match expected shape (-1, 2).',
    );
  });

  it('checks nothing without a signature', () => {
    const input = [{ anything: 'goes' }];
    expect(enforceSchema(undefined, input).data).toBe(input);
    vi.restoreAllMocks();
  });
});
