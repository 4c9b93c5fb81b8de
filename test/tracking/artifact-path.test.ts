// A newly logged artifact path is held to the rules of MLflow's tracking server (validate_path_is_safe:
// decode, then no '#', no '..', not absolute) at log time, with MLflow's "Invalid path" first; a path the
// server would store under another name is refused too. What stores already hold stays readable.
import { afterEach, describe, expect, it } from 'vitest';
import { Fluent } from '../../src/tracking/fluent';
import { closeStores } from '../../src/tracking/uri';
import { mlflowStoredName, validateArtifactPath } from '../../src/tracking/artifact-path';

let n = 0;
afterEach(async () => {
  await closeStores();
});

describe('artifact paths', () => {
  it("refuses '#' at log time with MLflow's message, and logs nothing", async () => {
    const mlflow = new Fluent(`memory:paths-${++n}`);
    const run = await mlflow.startRun();
    await expect(mlflow.logText('x', 'plots/loss#1.txt')).rejects.toMatchObject({
      code: 'INVALID_PARAMETER_VALUE',
      message:
        "Invalid path: 'plots/loss#1.txt'. MLflow's tracking server refuses artifact paths with '#' " +
        '(validate_path_is_safe); name the file without it.',
    });
    await expect(mlflow.logArtifact(new File(['x'], 'report #3.pdf'), 'reports')).rejects.toThrow(
      /^Invalid path: 'reports\/report #3\.pdf'/,
    );
    await expect(mlflow.logDict({ a: 1 }, 'C:/temp/x.json')).rejects.toThrow(
      "Invalid path: 'C:/temp/x.json'. Artifact paths are relative to the run",
    );
    await mlflow.endRun();
    expect(await mlflow.listArtifacts(run.info.runId)).toEqual([]);
  });

  it('refuses a path an MLflow server would store under another name, naming that name', async () => {
    const mlflow = new Fluent(`memory:paths-${++n}`);
    await mlflow.startRun();
    await expect(mlflow.logText('x', 'a%20b.txt')).rejects.toThrow(
      "Invalid path: 'a%20b.txt'. MLflow's tracking server decodes '%' sequences in artifact paths (and drops a " +
        "trailing '?' or ';'), so it would store this file as 'a b.txt'; name it that way.",
    );
    await expect(mlflow.logText('x', 'notes?')).rejects.toThrow("so it would store this file as 'notes'");
    await expect(mlflow.logText('x', 'x%2523y.txt')).rejects.toThrow(
      "this one decodes to a path it refuses; name the file without '%'",
    );
    // What the server keeps as it is, is logged as it is.
    for (const ok of ['a b.txt', '100%.txt', '%d-%m.csv', 'résumé/日本.txt', 'a;b/c?d.txt', 'q=1&r=2.json']) {
      await mlflow.logText('x', ok);
      expect(await (await mlflow.getArtifact(mlflow.activeRun()!.info.runId, ok)).text(), ok).toBe('x');
    }
    await mlflow.endRun();
  });

  it("decodes as MLflow's _decode does", () => {
    expect(mlflowStoredName('a%2520b')).toBe('a b');
    expect(mlflowStoredName('caf%C3%A9')).toBe('café');
    expect(mlflowStoredName('bad%FF')).toBe('bad\uFFFD');
    expect(mlflowStoredName('x;')).toBe('x');
    expect(mlflowStoredName('x;/y')).toBe('x;/y');
    expect(mlflowStoredName('%zz')).toBe('%zz');
    expect(validateArtifactPath('./model//MLmodel')).toBe('model/MLmodel');
  });
});
