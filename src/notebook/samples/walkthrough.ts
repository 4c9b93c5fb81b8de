// Sample 1: the MLflow walkthrough, in English and Japanese. The code cells are shared
// (walkthrough-code.ts); the explanations and the code's comments (walkthrough-comments-ja.ts) differ.
import { md, sample, type Sample } from './build';
import { codeCell } from '../document';
import { WALKTHROUGH_CODE } from './walkthrough-code';
import { WALKTHROUGH_CODE_JA } from './walkthrough-comments-ja';

type Prose = Record<
  'intro' | 'load' | 'autolog' | 'evaluate' | 'byHand' | 'artifacts' | 'loadModel' | 'batch' | 'next',
  string
>;

const EN: Prose = {
  intro: `# MLflow in your browser

This notebook tracks experiments the way MLflow does — runs, parameters, metrics, models — but
everything runs and is stored in this browser tab. Run the cells one by one with **Shift+Enter**, or
all at once with **Run all**. Each run a cell creates appears under it as a link.`,
  load: `## 1. Data

Wine Quality (red): 1599 wines, 11 physico-chemical measurements, and a quality score from 0 to 10.
Put \`winequality-red.csv\` into the **Files** panel to use it.`,
  autolog: `## 2. Autologging in two lines

\`mlflow.autolog()\` patches every estimator's \`fit\`: parameters, training metrics and the model are
logged to a new run without any other code.`,
  evaluate: `The value of a cell's last expression is shown below it.`,
  byHand: `## 3. The same by hand

\`startRun\` with a callback is Python's \`with mlflow.start_run():\` — the run ends FINISHED, or
FAILED if the callback throws. Autolog is turned off first; then we log params, metrics and a tag,
and the model with its signature and an input example, registered as \`wine-quality-elasticnet\`
(see **Models**).`,
  artifacts: `## 4. Text, figures, images, any file

Artifacts are files attached to a run: open the run's page to see them.`,
  loadModel: `## 5. Load the model and predict

A logged model is addressed as \`runs:/<run id>/model\`, as in MLflow. The signature checks the
input's columns before predicting.`,
  batch: `## 6. Batch prediction

\`predictBatch\` is the browser's answer to MLflow's \`spark_udf\`: the rows are split across a pool
of Web Workers, and the predictions come back in row order.`,
  next: `## Next

Open **Experiments** to compare these runs, or try the other sample notebooks.`,
};

const JA: Prose = {
  intro: `# ブラウザで MLflow

このノートブックは MLflow と同じ方法で実験を記録します（ラン、パラメータ、メトリクス、モデル）。
すべてこのブラウザのタブの中で実行・保存されます。**Shift+Enter** でセルを一つずつ、
**すべて実行** でまとめて実行できます。セルが作ったランはセルの下にリンクとして表示されます。`,
  load: `## 1. データ

Wine Quality（赤）：1599 本のワイン、11 の理化学的な測定値、0〜10 の品質スコア。
\`winequality-red.csv\` を **ファイル** パネルに入れると使われます。`,
  autolog: `## 2. 2 行でオートロギング

\`mlflow.autolog()\` はすべての推定器の \`fit\` にフックします。パラメータ、学習時のメトリクス、
モデルが新しいランに記録されます。ほかのコードは要りません。`,
  evaluate: `セルの最後の式の値がセルの下に表示されます。`,
  byHand: `## 3. 同じことを手で

コールバック付きの \`startRun\` は Python の \`with mlflow.start_run():\` にあたります。ランは
FINISHED で終わり、コールバックが例外を投げると FAILED になります。まずオートロギングを止め、
パラメータ、メトリクス、タグ、そしてシグネチャと入力例つきのモデルを記録し、
\`wine-quality-elasticnet\` として登録します（**モデル** ページで確認できます）。`,
  artifacts: `## 4. テキスト、図、画像、任意のファイル

アーティファクトはランに添付されるファイルです。ランのページで確認できます。`,
  loadModel: `## 5. モデルを読み込んで予測

記録したモデルは MLflow と同じく \`runs:/<ラン ID>/model\` で指定します。予測の前に
シグネチャが入力の列を確認します。`,
  batch: `## 6. バッチ予測

\`predictBatch\` は MLflow の \`spark_udf\` にあたります。行を Web Worker のプールに分けて予測し、
結果は元の行の順で返ります。`,
  next: `## 次に

**実験** ページでランを比較するか、ほかのサンプルノートブックを試してください。`,
};

function cells(p: Prose, C: typeof WALKTHROUGH_CODE) {
  return () => [
    md(p.intro),
    md(p.load),
    codeCell(C.load),
    md(p.autolog),
    codeCell(C.autolog),
    md(p.evaluate),
    codeCell(C.evaluate),
    md(p.byHand),
    codeCell(C.byHand),
    md(p.artifacts),
    codeCell(C.artifacts),
    md(p.loadModel),
    codeCell(C.load_model),
    md(p.batch),
    codeCell(C.batch),
    md(p.next),
  ];
}

export const WALKTHROUGH: Sample = sample(
  'mlflow-walkthrough',
  'MLflow walkthrough',
  'Autolog, runs by hand, artifacts, loading a model and batch prediction on wine quality.',
  cells(EN, WALKTHROUGH_CODE),
);
export const WALKTHROUGH_JA: Sample = sample(
  'mlflow-walkthrough-ja',
  'MLflow ウォークスルー',
  'オートロギング、手動のラン、アーティファクト、モデルの読み込みとバッチ予測。',
  cells(JA, WALKTHROUGH_CODE_JA),
);
