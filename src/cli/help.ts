// `--help` of every command, in the shape of MLflow's `mlflow models … --help`.

const MODEL = `  -m, --model-uri URI       The model: a model folder (holding MLmodel, as in an unzipped mlruns
                            export), a zip holding one, or runs:/<run_id>/<path>,
                            models:/<name>@<alias>, models:/<name>/<version> on a tracking server.
  --tracking-uri URI        The MLflow tracking server of a runs:/ or models:/ URI (default:
                            MLFLOW_TRACKING_URI). Credentials: MLFLOW_TRACKING_TOKEN, or
                            MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD.`;

export const HELP = {
  root: `Usage: kiroku COMMAND [ARGS]...

  Kiroku's command line: serve, predict with and package logged models, as MLflow's
  \`mlflow models\` does.

Options:
  --version  Show the version and exit.
  --help     Show this message and exit.

Commands:
  models  Deploy Kiroku models (serve, predict, generate-dockerfile).`,
  models: `Usage: kiroku models COMMAND [ARGS]...

  Deploy Kiroku models locally, or package them as a Docker directory. Run \`kiroku models COMMAND
  --help\` for a command's options.

Commands:
  serve                Serve a model over REST with MLflow's scoring protocol.
  predict              Predict with a model on a JSON or CSV file.
  generate-dockerfile  Write a directory that \`docker build\` turns into a serving image.`,
  serve: `Usage: kiroku models serve [OPTIONS]

  Serve a model on a REST API with MLflow's scoring protocol, so MLflow's clients work unchanged:
  GET /ping, /health and /version; POST /invocations with Content-Type application/json
  ({"dataframe_split": …}, {"dataframe_records": …}, {"instances": …} or {"inputs": …}, and
  "params") or text/csv. Answers {"predictions": […]}, or MLflow's error JSON
  ({"error_code": …, "message": …}) with its status.

  Example:
    kiroku models serve -m ./mlruns/1/<run_id>/artifacts/model --port 5001
    curl http://127.0.0.1:5001/invocations -H 'Content-Type: application/json' \\
      -d '{"dataframe_split": {"columns": ["alcohol", "pH"], "data": [[9.4, 3.51]]}}'

Options:
${MODEL}
  -p, --port PORT           The port to listen on (default: 5001; 0 picks a free one).
  -h, --host HOST           The address to listen on (default: 127.0.0.1; 0.0.0.0 for every
                            interface).
  -w, --workers N           Server processes sharing the port, each with its own copy of the model
                            (default: 1).
  --max-body-size SIZE      Largest request body; a larger one is refused with 413 (default: 100MB).
  --help                    Show this message and exit.`,
  predict: `Usage: kiroku models predict [OPTIONS]

  Predict with a model on a file (or standard input), the way the scoring server would answer it:
  the input is one of the server's JSON bodies or a CSV file with a header line; the output is
  {"predictions": […]}, or a CSV with a predictions column when the output path ends in .csv.

  Example:
    kiroku models predict -m ./model -i wine.csv -o predictions.csv

Options:
${MODEL}
  -i, --input-path PATH     The input file (default: standard input).
  -o, --output-path PATH    The output file (default: standard output).
  -t, --content-type TYPE   json or csv (default: csv for a .csv input, else json).
  --help                    Show this message and exit.`,
  'generate-dockerfile': `Usage: kiroku models generate-dockerfile [OPTIONS]

  Write a directory with the model, a minimal Node.js Dockerfile and the scoring server, which
  \`docker build\` turns into an image serving the model on port 8080 (TensorFlow.js is installed
  only for a model that needs it). Its server also starts without Docker:
  node <dir>/server/kiroku.mjs models serve -m <dir>/model

Options:
${MODEL}
  -d, --output-directory DIR  Where to write it (default: mlflow-dockerfile).
  --help                      Show this message and exit.`,
};

export function commandHelp(command: string): string {
  return HELP[command as keyof typeof HELP] ?? HELP.models;
}
