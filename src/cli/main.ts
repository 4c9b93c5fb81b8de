// The `kiroku` command line: `kiroku models serve | predict | generate-dockerfile`, MLflow's
// `mlflow models …` for Kiroku's models. Each command parses its options (node:util parseArgs, strict:
// an unknown option is an error) and hands them to src/deploy/.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { HELP, commandHelp } from './help';
import { cliVersion } from './version';

type Values = Record<string, string | boolean | undefined>;

const TRACKING = { 'tracking-uri': { type: 'string' } } as const;

const COMMANDS: Record<string, { options: NonNullable<ParseArgsConfig['options']>; run(v: Values): Promise<void> }> = {
  serve: {
    options: {
      'model-uri': { type: 'string', short: 'm' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string', short: 'h' },
      workers: { type: 'string', short: 'w' },
      'max-body-size': { type: 'string' },
      ...TRACKING,
    },
    async run(v) {
      const { serve } = await import('../deploy/serve');
      await serve({
        model: required(v, 'model-uri'),
        port: integer(v.port, 'port', 5001, 0),
        host: (v.host as string | undefined) ?? '127.0.0.1',
        workers: integer(v.workers, 'workers', 1, 1),
        maxBodyBytes: v['max-body-size'] === undefined ? undefined : byteSize(v['max-body-size'] as string),
        version: cliVersion(),
        ...tracking(v),
      });
    },
  },
  predict: {
    options: {
      'model-uri': { type: 'string', short: 'm' },
      'input-path': { type: 'string', short: 'i' },
      'output-path': { type: 'string', short: 'o' },
      'content-type': { type: 'string', short: 't' },
      ...TRACKING,
    },
    async run(v) {
      const type = v['content-type'] as string | undefined;
      if (type !== undefined && type !== 'json' && type !== 'csv')
        throw usage(`Unknown content type '${type}': use json or csv.`);
      const [{ openModel }, { batchPredict }] = await Promise.all([
        import('../deploy/open-model'),
        import('../deploy/batch-predict'),
      ]);
      const model = await openModel(required(v, 'model-uri'), tracking(v));
      await batchPredict(model, {
        input: v['input-path'] as string | undefined,
        output: v['output-path'] as string | undefined,
        ...(type ? { contentType: type } : {}),
      });
    },
  },
  'generate-dockerfile': {
    options: {
      'model-uri': { type: 'string', short: 'm' },
      'output-directory': { type: 'string', short: 'd' },
      ...TRACKING,
    },
    async run(v) {
      const { generateDockerDirectory } = await import('../deploy/dockerfile');
      const dir = (v['output-directory'] as string | undefined) ?? 'mlflow-dockerfile';
      const out = await generateDockerDirectory(required(v, 'model-uri'), dir, cliVersion(), tracking(v));
      console.log(
        `Generated ${dir}: Dockerfile, model/ (${out.modelFiles.join(', ')}), server/${
          out.needsTensorFlow ? ', with TensorFlow.js' : ''
        }.`,
      );
      console.log(
        `Build it with: docker build -t my-model ${dir}    (or run it with: node ${dir}/server/kiroku.mjs models ` +
          `serve -m ${dir}/model)`,
      );
    },
  },
};

class UsageError extends Error {}
const usage = (message: string) => new UsageError(message);

export async function main(argv: string[]): Promise<number> {
  const [group, command, ...rest] = argv;
  if (group === undefined || group === '--help' || group === '-h' || group === 'help') return print(HELP.root);
  if (group === '--version') return print(cliVersion());
  if (group !== 'models') return fail(`Unknown command '${group}'.\n\n${HELP.root}`);
  if (command === undefined || command === '--help' || command === '-h') return print(HELP.models);
  const spec = COMMANDS[command];
  if (!spec) return fail(`Unknown command 'models ${command}'.\n\n${HELP.models}`);
  if (rest.includes('--help')) return print(commandHelp(command));
  let values: Values;
  try {
    ({ values } = parseArgs({ args: rest, options: spec.options, strict: true, allowPositionals: false }) as {
      values: Values;
    });
    await spec.run(values);
    return 0;
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
      return fail(`${(e as Error).message}\n\n${commandHelp(command)}`);
    console.error(`Error: ${(e as Error)?.message ?? e}`);
    return 1;
  }
}

function required(v: Values, name: string): string {
  const value = v[name];
  if (typeof value !== 'string' || value === '') throw usage(`Missing option '--${name}'.`);
  return value;
}

function integer(raw: unknown, name: string, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    throw usage(`Invalid value for '--${name}': '${String(raw)}' is not an integer of at least ${min}.`);
  return n;
}

/** `100MB`, `512KB`, `1048576`: a size in bytes (units of 1024). */
function byteSize(raw: string): number {
  const m = /^(\d+)\s*(B|KB|MB|GB)?$/i.exec(raw.trim());
  if (!m) throw usage(`Invalid value for '--max-body-size': '${raw}' (use e.g. 100MB, 512KB or a number of bytes).`);
  const unit = { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 }[(m[2] ?? 'B').toUpperCase() as 'B'];
  return Number(m[1]) * unit;
}

function tracking(v: Values) {
  return v['tracking-uri'] ? { trackingUri: v['tracking-uri'] as string } : {};
}

function print(text: string): number {
  console.log(text);
  return 0;
}

function fail(text: string): number {
  console.error(text);
  return 2;
}
