// The walkthrough's code comments in Japanese, for its Japanese version: the code itself is the
// English version's (walkthrough-code.ts), so both run the same; only what the comments say differs.
// Keys are the English comments (a block of comment lines joined by spaces); a comment missing here
// fails `localizeComments` — and the samples' unit test — rather than staying in English.
import { localizeComments } from './build';
import { WALKTHROUGH_CODE } from './walkthrough-code';

const JA: Record<string, string[]> = {
  ['Wine Quality (UCI): upload winequality-red.csv in the Files panel to use it. Until you do, the Auto MPG ' +
    "sample that ships with Kiroku ('cars') stands in, so every cell below still runs."]: [
    'Wine Quality（UCI）：ファイルパネルに winequality-red.csv をアップロードすると使われます。それまでは',
    "Kiroku に同梱の Auto MPG サンプル（'cars'）が代わりに使われるので、下のセルはどれも実行できます。",
  ],
  'Every run below goes to this experiment (it is created on first use).': [
    '以下のランはすべてこの実験に記録されます（最初に使うときに作られます）。',
  ],
  ["With autolog on, metrics computed on a model's predictions are logged to its run too (MLflow's post-training " +
    'metrics); nameDataset names the data: root_mean_squared_error_test.']: [
    'オートロギング中は、モデルの予測から計算したメトリクスもそのランに記録されます（MLflow の',
    'ポストトレーニング・メトリクス）。nameDataset でデータに名前を付けると root_mean_squared_error_test になります。',
  ],
  'by hand this time': ['今回は手で記録します'],
  ['The signature (input columns and output type) and an input example travel with the model; registeredModelName ' +
    'also makes it a version of a model on the Models page.']: [
    'シグネチャ（入力の列と出力の型）と入力例がモデルと一緒に保存されます。',
    'registeredModelName を指定すると、モデルページのモデルのバージョンにもなります。',
  ],
  'Back into the same run (by its id) to attach files to it.': [
    '同じラン（ID で指定）に戻って、ファイルを添付します。',
  ],
  "A figure: the run's page draws it, as display() does here.": [
    '図：ここで display() が描くのと同じように、ランのページにも描かれます。',
  ],
  'An image drawn on an OffscreenCanvas (cells run in a worker: no DOM): a histogram of the residuals.': [
    'OffscreenCanvas に描いた画像（セルはワーカーで動くので DOM はありません）：残差のヒストグラム。',
  ],
  'Any file: here the test split as CSV, into the folder "data".': [
    '任意のファイル：ここではテスト用のデータを CSV にして、フォルダ「data」に入れます。',
  ],
  'The input is checked against the signature (columns and types) before predicting.': [
    '予測の前に、入力がシグネチャ（列と型）と照合されます。',
  ],
  ['Batch prediction splits the rows into blocks, predicts them in a pool of workers and keeps the row order; ' +
    'onProgress reports the fraction done.']: [
    'バッチ予測は行をブロックに分けてワーカーのプールで予測し、行の順序を保ちます。',
    'onProgress は完了した割合を知らせます。',
  ],
};

export const WALKTHROUGH_CODE_JA = Object.fromEntries(
  Object.entries(WALKTHROUGH_CODE).map(([cell, code]) => [cell, localizeComments(code, JA)]),
) as { [K in keyof typeof WALKTHROUGH_CODE]: string };
