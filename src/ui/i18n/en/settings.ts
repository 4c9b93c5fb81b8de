// Settings: language, tracking server, storage, workspace, MLflow export; app-wide notices.
export const settings = {
  'srv.title': 'Tracking server',
  'srv.useFailed': 'Could not use {url}: {error}',
  'srv.onServer':
    'Runs, metrics, artifacts and registered models are on the MLflow tracking server {server}; new notebook ' +
    "kernels log there too. This browser's own runs are kept and come back when you switch back.",
  'srv.useBrowser': 'Use this browser instead',
  'srv.explain':
    "Runs are kept in this browser. To work with a team's MLflow tracking server instead — its experiments, runs " +
    'and models in these views, notebook runs logged to it — give its address. The server must allow requests ' +
    'from this page (CORS); see the README.',
  'srv.url': 'Tracking server URL',
  'srv.token': 'Token (optional, kept in memory only)',
  'srv.connecting': 'Connecting…',
  'srv.use': 'Use this server',
  'st.title': 'Storage',
  'st.measuring': 'Measuring…',
  'st.using': 'Using {usage} of {quota} available to this site{share}.',
  'st.unknown': 'This browser does not say how much storage is used.',
  'st.used': 'Storage used',
  'st.idb': 'Workspace (IndexedDB): {size}',
  'st.persisted': 'Storage is persistent: the browser will not delete your workspace to free space.',
  'st.bestEffort':
    "Storage is best-effort: under disk pressure the browser may delete this site's data. Ask to keep it, and " +
    'export the workspace now and then.',
  'st.persist': 'Keep data persistent',
  'st.declined':
    'The browser declined for now (it decides from how often you use the site); try again later, or install the app.',
  'st.onServer': "Runs are on the tracking server; their space is the server's (run {gc} there).",
  'st.measuringUsers': 'Measuring what uses the space…',
  'st.freed': {
    one: 'Permanently deleted {count} run, freeing about {size}.',
    other: 'Permanently deleted {count} runs, freeing about {size}.',
  },
  'st.users': 'What uses the space',
  'st.runs': {
    one: 'Runs: {size} in {count} run (artifacts and metric history)',
    other: 'Runs: {size} in {count} runs (artifacts and metric history)',
  },
  'st.files': '; files in the Files panel: {size}',
  'st.largest': 'Largest runs',
  'st.run': 'Run',
  'st.artifacts': 'Artifacts',
  'st.history': 'Metric history',
  'st.total': 'Total',
  'st.deletedMark': ' (deleted)',
  'st.nFiles': { one: '{count} file', other: '{count} files' },
  'st.deletedHold': {
    one: 'Deleted runs keep their space until they are deleted for good: {count} deleted run holds {size}.',
    other: 'Deleted runs keep their space until they are deleted for good: {count} deleted runs hold {size}.',
  },
  'st.noDeleted':
    "No deleted runs hold space. Delete runs in an experiment's run list, or delete large artifacts on a run's " +
    'Artifacts tab.',
  'st.purge': 'Permanently delete deleted runs…',
  'st.purgeAsk': 'Permanently delete deleted runs?',
  'st.purgeConfirm': 'Delete for good',
  'st.purgeText': {
    one:
      'This deletes {count} deleted run for good, with its metric history, artifacts and logged models ' +
      '({size}), as {gc} does. It cannot be restored afterwards; registered model versions made from it will no ' +
      'longer load.',
    other:
      'This deletes {count} deleted runs for good, with their metric history, artifacts and logged models ' +
      '({size}), as {gc} does. They cannot be restored afterwards; registered model versions made from them will ' +
      'no longer load.',
  },
  'ws.title': 'Workspace',
  'ws.exporting': 'Exporting…',
  'ws.exportingRuns': 'Exporting… ({runs} runs)',
  'ws.exportFailed': 'Export failed',
  'ws.exported':
    'Exported {notebooks} notebooks, {files} files, {runs} runs ({artifacts} artifacts) and {models} registered ' +
    'models ({size}).',
  'ws.importing': 'Importing {name}…',
  'ws.importingRun': 'Importing {name}… (run {done} of {total})',
  'ws.importFailed': 'Import failed',
  'ws.imported': 'Imported {name}.',
  'ws.importedRejected': {
    one: 'Imported {name}; {count} item was rejected (see below).',
    other: 'Imported {name}; {count} items were rejected (see below).',
  },
  'ws.blocked': 'Waiting for another Kiroku tab to let go of {db}: close the other tabs to finish.',
  'ws.explain':
    'Your notebooks, files, runs (with their metric history and artifacts) and the model registry, as one {zip} file.',
  'ws.onServer':
    "These are the ones kept in this browser; the tracking server's runs are not part of it (“Export as MLflow” " +
    'below takes those).',
  'ws.export': 'Export workspace',
  'ws.import': 'Import workspace',
  'ws.clearTitle': 'Clear all data',
  'ws.clearExplain':
    'Deletes every notebook, file, run, artifact and registered model in this browser. Export first if you may ' +
    'want them back.',
  'ws.clear': 'Clear all data…',
  'ws.clearAsk': 'Clear all data?',
  'ws.clearConfirm': 'Delete everything',
  'ws.clearText':
    'This deletes all notebooks, files, runs, artifacts and registered models stored by Kiroku in this browser. It ' +
    'cannot be undone.',
  'ws.added': 'added',
  'ws.updated': 'updated',
  'ws.skipped': 'already here',
  'ws.rejected': 'rejected',
  'ws.kNotebooks': 'Notebooks',
  'ws.kFiles': 'Files',
  'ws.kExperiments': 'Experiments',
  'ws.kRuns': 'Runs',
  'ws.kModels': 'Registered models',
  'ws.kVersions': 'Model versions',
  'ws.summary': 'Import summary',
  'ws.kind': 'Kind',
  'ws.hAdded': 'Added',
  'ws.hUpdated': 'Updated',
  'ws.hSkipped': 'Already here',
  'ws.hRejected': 'Rejected',
  'ws.remapped': 'Experiment ids taken here were renumbered: {list}.',
  'ws.rejectedItems': 'Rejected items',
  'ws.unnamed': {
    one: "{count} entry the archive's manifest does not name was not read: {list}.",
    other: "{count} entries the archive's manifest does not name were not read: {list}.",
  },
  'ws.every': 'Every item ({count})',
  'ws.items': 'Imported items',
  'ws.file': 'File',
  'ws.item': 'Item',
  'ws.result': 'Result',
  'ml.exportingRuns': 'Exporting… {done} of {total} runs',
  'ml.leftOut': {
    one: ' Left out {count} entry whose path would leave the folder: {list}.',
    other: ' Left out {count} entries whose path would leave the folder: {list}.',
  },
  'ml.exported': 'Exported. Unzip it and run “mlflow ui” in that folder.{left}',
  'ml.explain':
    'Every run and the registered models made from them as an MLflow file store ({mlruns}) in a {zip}: unzip it ' +
    'and run {ui} there. Import reads such a zip back, or one made from a folder MLflow wrote. To send runs to a ' +
    'tracking server instead, select them under Experiments and choose “Sync to MLflow…”.',
  'ml.export': 'Export as MLflow',
  'ml.import': 'Import MLflow runs',
  'ml.onServer':
    'Export takes the runs of the tracking server this page uses. Import works into this browser: switch back ' +
    'under Tracking server first.',
  'ml.problems': 'Import problems',
  'ml.runsImported': { one: '{count} run imported', other: '{count} runs imported' },
  'ml.already': '{count} already here',
  'ml.expsCreated': { one: '{count} experiment created', other: '{count} experiments created' },
  'ml.versions': { one: '{count} model version registered', other: '{count} model versions registered' },
  'ml.summary': 'From {name}: {parts}.',
  'ml.sep': ', ',
  'off.saved': 'App saved for offline use: {size}. It opens without a network.',
  'off.saving': 'Saving the app for offline use… (it opens without a network once this is done).',
  'off.development':
    'Not saved for offline use: this is the development server ({start}), which never is. The built app ({build}, ' +
    'served from {dist}, e.g. by {preview}) saves itself on the first visit and then works offline.',
  'off.failed':
    "Not saved for offline use: the browser refused the app's service worker (a private window, or storage " +
    'blocked); it works online only.',
  'off.unsupported': 'Not saved for offline use: this browser has no service workers; the app works online only.',
  'notice.upgradeBlocked':
    'A newer Kiroku is waiting for another tab to close the {db} database. Close the other Kiroku tabs (or reload ' +
    'them) to continue.',
  'notice.diskFull':
    'The disk is full{reserve}. Free space in {settings} (permanently delete deleted runs, or delete artifacts you ' +
    'no longer need).',
  'notice.reserve': ': Kiroku used the space it holds back to save your last change',
  'notice.settingsLink': 'Settings → Storage',
  'notice.closed': "Another tab is upgrading or clearing Kiroku's storage ({db}). Reload this tab to continue.",
  'notice.reload': 'Reload',
  'notice.update':
    'A new version of Kiroku is ready. Reload to use it (save your work first: a reload restarts the kernels).',
  'tok.title': 'Token for the MLflow tracking server',
  'tok.explain':
    "This page works against the MLflow tracking server {url}. Its token is kept in the page's memory only, never " +
    'stored, so it is asked for again after a reload.',
  'tok.label': 'Token for {url}',
  'tok.use': 'Use the server',
};
