import { describe, expect, it, vi } from 'vitest';
import { DataFrame } from 'danfojs';
import { inferSignature, signatureFromDict, signatureToDict } from '../../src/models/signature';
import { enforceSchema } from '../../src/models/enforce';
import { parseModelUri } from '../../src/models/uri';
import { frameColumns, type FrameLike } from '../../src/data/frame';

const wine = () => new DataFrame({ alcohol: [9.4, 9.8, 10.5], 'free sulfur dioxide': [11, 25, 15], quality: [5, 5, 6] });

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
    expect(() => parseModelUri('runs:/abc/model')).toThrow("Not a proper runs:/ URI: runs:/abc/model. Runs URIs must be of the form 'runs:/<run_id>/run-relative/path/to/artifact'");
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
    const sig = inferSignature([{ island: 'Biscoe', mass: 3750, male: true }, { island: 'Dream', mass: null, male: false }], ['Adelie', 'Gentoo']);
    expect(sig.inputs).toEqual([
      { type: 'string', name: 'island', required: true },
      { type: 'long', name: 'mass', required: false },
      { type: 'boolean', name: 'male', required: true },
    ]);
    expect(sig.outputs).toEqual([{ type: 'string', required: true }]);
    expect(inferSignature([[1, 2.5], [3, 4]]).inputs).toEqual([{ type: 'tensor', 'tensor-spec': { dtype: 'float64', shape: [-1, 2] } }]);
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
    const f = x as FrameLike;
    return Object.fromEntries(f.columns.map((c, j) => [c, frameColumns(f)[j]]));
  };

  it('refuses missing columns, naming them and the extra ones', () => {
    expect(() => enforceSchema(schema, [{ alcohol: 9, quality: 5, sulfur: 3 }])).toThrow(
      "Model is missing inputs ['free sulfur dioxide']. Note that there were extra inputs: ['sulfur'].",
    );
  });

  it('drops extra columns with a warning and reorders to the signature', () => {
    const out = enforceSchema(schema, [{ quality: 5, extra: 'x', 'free sulfur dioxide': 11, alcohol: 9.4 }]);
    expect(out.warnings).toEqual([
      "Found extra inputs in the model input that are not defined in the model signature: ['extra']. These inputs will be ignored.",
    ]);
    expect((out.data as FrameLike).columns).toEqual(['alcohol', 'free sulfur dioxide', 'quality']);
    expect(columns(out.data)).toEqual({ alcohol: [9.4], 'free sulfur dioxide': [11], quality: [5] });
  });

  it('widens int to double but never double to long, nor text to numbers', () => {
    expect(() => enforceSchema(schema, [{ alcohol: 9, 'free sulfur dioxide': 11, quality: 5 }])).not.toThrow();
    expect(() => enforceSchema(schema, [{ alcohol: 9.4, 'free sulfur dioxide': 11.5, quality: 5 }])).toThrow(
      'Incompatible input types for column free sulfur dioxide. Can not safely convert float64 to int64.',
    );
    expect(() => enforceSchema(schema, [{ alcohol: '9.4', 'free sulfur dioxide': 11, quality: 5 }])).toThrow(
      'Incompatible input types for column alcohol. Can not safely convert object to float64.',
    );
  });

  it('refuses missing values in a required column', () => {
    expect(() => enforceSchema(schema, [{ alcohol: NaN, 'free sulfur dioxide': 11, quality: 5 }, { alcohol: 9, 'free sulfur dioxide': 1, quality: 5 }])).toThrow(
      'Column alcohol is required by the model\'s signature but has missing values (rows 0)',
    );
  });

  it('takes unnamed rows of the right width in signature order, and checks tensor shapes', () => {
    expect(columns(enforceSchema(schema, [[9.4, 11, 5]]).data)).toEqual({ alcohol: [9.4], 'free sulfur dioxide': [11], quality: [5] });
    expect(() => enforceSchema(schema, [[9.4, 11]])).toThrow('the input has 2 unnamed columns');
    const tensor = inferSignature([[1, 2.5], [3, 4]]).inputs;
    expect(() => enforceSchema(tensor, [[1, 2, 3]])).toThrow('Shape of input (1, 3) does not match expected shape (-1, 2).');
  });

  it('checks nothing without a signature', () => {
    const input = [{ anything: 'goes' }];
    expect(enforceSchema(undefined, input).data).toBe(input);
    vi.restoreAllMocks();
  });
});
