import type { settings as en } from '../en/settings';
import type { Translation } from '../section';

export const settings: Translation<typeof en> = {
  'srv.title': 'トラッキングサーバー',
  'srv.useFailed': '{url} を使えませんでした: {error}',
  'srv.onServer':
    'ラン、メトリクス、アーティファクト、登録モデルは MLflow トラッキングサーバー {server} ' +
    'にあります。新しいノートブックのカーネルもそこに記録します。このブラウザーのランは残っていて、切り替えて戻すと元どおり表示されます。',
  'srv.useBrowser': 'このブラウザーを使う',
  'srv.explain':
    'ランはこのブラウザーに保存されています。代わりにチームの MLflow トラッキングサーバーを使う (その実験・ラン・モデルをこの画面に表示し、ノートブックのランもそこに記録する) ' +
    'には、アドレスを入力してください。サーバーはこのページからのリクエストを許可している (CORS) 必要があります。README を参照してください。',
  'srv.url': 'トラッキングサーバーの URL',
  'srv.token': 'トークン (任意。メモリーにのみ保持)',
  'srv.connecting': '接続中…',
  'srv.use': 'このサーバーを使う',
  'st.title': 'ストレージ',
  'st.measuring': '計測中…',
  'st.using': 'このサイトが使える {quota} のうち {usage} を使用中{share}。',
  'st.unknown': 'このブラウザーはストレージの使用量を知らせません。',
  'st.used': 'ストレージ使用量',
  'st.idb': 'ワークスペース (IndexedDB): {size}',
  'st.persisted':
    'ストレージは永続化されています。空き容量のためにブラウザーがワークスペースを削除することはありません。',
  'st.bestEffort':
    'ストレージはベストエフォートです。ディスクが逼迫するとブラウザーがこのサイトのデータを削除することがあります。永続化を依頼し、ときどきワークスペースを書き出してください。',
  'st.persist': 'データを永続化する',
  'st.declined':
    'ブラウザーは今回は断りました (サイトの利用頻度で判断します)。後でもう一度試すか、アプリをインストールしてください。',
  'st.onServer':
    'ランはトラッキングサーバーにあり、その容量はサーバー側のものです (サーバーで {gc} を実行してください)。',
  'st.measuringUsers': '容量の内訳を計測中…',
  'st.freed': { other: '{count} 件のランを完全に削除し、約 {size} を解放しました。' },
  'st.users': '容量の内訳',
  'st.runs': { other: 'ラン: {count} 件で {size} (アーティファクトとメトリクス履歴)' },
  'st.files': '。ファイルパネルのファイル: {size}',
  'st.largest': '大きいラン',
  'st.run': 'ラン',
  'st.artifacts': 'アーティファクト',
  'st.history': 'メトリクス履歴',
  'st.total': '合計',
  'st.deletedMark': ' (削除済み)',
  'st.nFiles': { other: '{count} ファイル' },
  'st.deletedHold': {
    other: '削除したランは完全に削除するまで容量を使います: 削除済みのラン {count} 件が {size} を使っています。',
  },
  'st.noDeleted':
    '容量を使っている削除済みのランはありません。実験のラン一覧でランを削除するか、ランのアーティファクトタブで大きなアーティファクトを削除してください。',
  'st.purge': '削除済みのランを完全に削除…',
  'st.purgeAsk': '削除済みのランを完全に削除しますか?',
  'st.purgeConfirm': '完全に削除',
  'st.purgeText': {
    other:
      '削除済みのラン {count} 件を、メトリクス履歴・アーティファクト・記録したモデル ({size}) ごと {gc} ' +
      'と同じように完全に削除します。後から復元することはできず、それらから作った登録モデルのバージョンも読み込めなくなります。',
  },
  'ws.title': 'ワークスペース',
  'ws.exporting': '書き出し中…',
  'ws.exportingRuns': '書き出し中… (ラン {runs} 件)',
  'ws.exportFailed': '書き出しに失敗しました',
  'ws.exported':
    'ノートブック {notebooks} 件、ファイル {files} 件、ラン {runs} 件 (アーティファクト {artifacts} 件)、登録モデル {models} 件を書き出しました ({size})。',
  'ws.importing': '{name} を読み込み中…',
  'ws.importingRun': '{name} を読み込み中… (ラン {done} / {total})',
  'ws.importFailed': '読み込みに失敗しました',
  'ws.imported': '{name} を読み込みました。',
  'ws.importedRejected': { other: '{name} を読み込みました。{count} 件は受け付けませんでした (下記参照)。' },
  'ws.blocked': '別の Kiroku タブが {db} を解放するのを待っています。完了するにはほかのタブを閉じてください。',
  'ws.explain':
    'ノートブック、ファイル、ラン (メトリクス履歴とアーティファクトを含む)、モデルレジストリを 1 つの {zip} ファイルにまとめます。',
  'ws.onServer':
    '対象はこのブラウザーに保存されたものです。トラッキングサーバーのランは含まれません (下の「MLflow 形式で書き出す」で書き出せます)。',
  'ws.export': 'ワークスペースを書き出す',
  'ws.import': 'ワークスペースを読み込む',
  'ws.clearTitle': 'すべてのデータを消去',
  'ws.clearExplain':
    'このブラウザーのノートブック、ファイル、ラン、アーティファクト、登録モデルをすべて削除します。後で必要になりそうなら先に書き出してください。',
  'ws.clear': 'すべてのデータを消去…',
  'ws.clearAsk': 'すべてのデータを消去しますか?',
  'ws.clearConfirm': 'すべて削除',
  'ws.clearText':
    'Kiroku がこのブラウザーに保存したノートブック、ファイル、ラン、アーティファクト、登録モデルをすべて削除します。元に戻すことはできません。',
  'ws.added': '追加',
  'ws.updated': '更新',
  'ws.skipped': '既存',
  'ws.rejected': '拒否',
  'ws.kNotebooks': 'ノートブック',
  'ws.kFiles': 'ファイル',
  'ws.kExperiments': '実験',
  'ws.kRuns': 'ラン',
  'ws.kModels': '登録モデル',
  'ws.kVersions': 'モデルバージョン',
  'ws.summary': '読み込みの概要',
  'ws.kind': '種類',
  'ws.hAdded': '追加',
  'ws.hUpdated': '更新',
  'ws.hSkipped': '既存',
  'ws.hRejected': '拒否',
  'ws.remapped': 'ここで使用済みの実験 ID は振り直しました: {list}。',
  'ws.rejectedItems': '拒否した項目',
  'ws.unnamed': { other: 'アーカイブのマニフェストにない {count} 件のエントリーは読み込みませんでした: {list}。' },
  'ws.every': 'すべての項目 ({count})',
  'ws.items': '読み込んだ項目',
  'ws.file': 'ファイル',
  'ws.item': '項目',
  'ws.result': '結果',
  'ml.exportingRuns': '書き出し中… ラン {done} / {total}',
  'ml.leftOut': { other: ' パスがフォルダーの外を指す {count} 件のエントリーは除きました: {list}。' },
  'ml.exported': '書き出しました。展開して、そのフォルダーで「mlflow ui」を実行してください。{left}',
  'ml.explain':
    'すべてのランとそれらから作った登録モデルを MLflow のファイルストア ({mlruns}) として {zip} にまとめます。展開してそこで {ui} を実行してください。読み込みではそのような zip ' +
    'や、MLflow が書いたフォルダーから作った zip を読み込めます。トラッキングサーバーにランを送るには、実験画面でランを選んで「MLflow に同期…」を選んでください。',
  'ml.export': 'MLflow 形式で書き出す',
  'ml.import': 'MLflow のランを読み込む',
  'ml.onServer':
    '書き出しはこのページが使っているトラッキングサーバーのランが対象です。読み込みはこのブラウザーに対して行うので、先にトラッキングサーバーの設定で切り替えて戻してください。',
  'ml.problems': '読み込みの問題',
  'ml.runsImported': { other: 'ラン {count} 件を読み込み' },
  'ml.already': '{count} 件は既存',
  'ml.expsCreated': { other: '実験 {count} 件を作成' },
  'ml.versions': { other: 'モデルバージョン {count} 件を登録' },
  'ml.summary': '{name} から: {parts}。',
  'ml.sep': '、',
  'off.saved': 'オフライン用にアプリを保存しました: {size}。ネットワークなしで開けます。',
  'off.saving': 'オフライン用にアプリを保存中… (完了するとネットワークなしで開けます)。',
  'off.development':
    'オフライン用には保存されていません: これは開発サーバー ({start}) で、保存されることはありません。ビルドしたアプリ ({build} で作り、{dist} から {preview} などで配信) ' +
    'は最初の訪問で自身を保存し、以後オフラインで動きます。',
  'off.failed':
    'オフライン用には保存されていません: ブラウザーがアプリのサービスワーカーを拒否しました (プライベートウィンドウ、またはストレージのブロック)。オンラインでのみ動きます。',
  'off.unsupported':
    'オフライン用には保存されていません: このブラウザーにはサービスワーカーがありません。オンラインでのみ動きます。',
  'notice.upgradeBlocked':
    '新しい Kiroku が、別のタブが {db} データベースを閉じるのを待っています。続けるにはほかの Kiroku タブを閉じるか、再読み込みしてください。',
  'notice.diskFull':
    'ディスクがいっぱいです{reserve}。{settings} で空き容量を作ってください (削除済みのランを完全に削除するか、不要なアーティファクトを削除します)。',
  'notice.reserve': '。直前の変更は Kiroku が確保していた領域を使って保存しました',
  'notice.settingsLink': '設定 → ストレージ',
  'notice.closed':
    '別のタブが Kiroku のストレージ ({db}) を更新または消去しています。続けるにはこのタブを再読み込みしてください。',
  'notice.reload': '再読み込み',
  'notice.update':
    'Kiroku の新しいバージョンの準備ができました。再読み込みすると使えます (先に作業を保存してください。再読み込みでカーネルは再起動します)。',
  'tok.title': 'MLflow トラッキングサーバーのトークン',
  'tok.explain':
    'このページは MLflow トラッキングサーバー {url} を使っています。トークンはページのメモリーにだけ保持され保存されないので、再読み込みのあとにもう一度尋ねます。',
  'tok.label': '{url} のトークン',
  'tok.use': 'サーバーを使う',
};
