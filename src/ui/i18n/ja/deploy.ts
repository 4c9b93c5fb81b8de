import type { deploy as en } from '../en/deploy';
import type { Translation } from '../section';

export const deploy: Translation<typeof en> = {
  'deploy.button': 'デプロイ',
  'deploy.title': '{uri} をデプロイ',
  'deploy.serveHeading': 'REST で配信',
  'deploy.serveText':
    'MLflow のスコアリングサーバー ({invocations}) を、Kiroku のコマンドで Node 20 から起動します。モデルはトラッキングサーバーから、またはモデルの zip から読み込みます:',
  'deploy.copyServe': '配信コマンドをコピー',
  'deploy.copyServeZip': 'zip 用の配信コマンドをコピー',
  'deploy.modelZip': 'モデルをダウンロード (.zip)',
  'deploy.dockerHeading': 'Docker',
  'deploy.dockerText': '{command} が書き出すディレクトリです。{build} でビルドするか、その中で {serve} を実行します。',
  'deploy.dockerZip': 'Dockerfile ディレクトリをダウンロード (.zip)',
  'deploy.webHeading': 'Web 予測モジュール',
  'deploy.webText':
    'モデルを内蔵した 1 つの JavaScript モジュールです。どの Web ページでも Node でも、インストールなしで使えます: {import} のあと {call}。デモページはドロップした CSV で予測します。',
  'deploy.webModule': 'Web 予測モジュールをダウンロード (.mjs)',
  'deploy.webDemo': 'デモページをダウンロード (.html)',
  'deploy.preparing': 'ダウンロードを準備中…',
  'deploy.downloaded': '{files} をダウンロードしました。',
};
