// The Deploy dialog (a version page and a run's MLmodel): serving, the Docker directory, the web predictor.
export const deploy = {
  'deploy.button': 'Deploy',
  'deploy.title': 'Deploy {uri}',
  'deploy.serveHeading': 'Serve over REST',
  'deploy.serveText':
    "MLflow's scoring server ({invocations}), from Node 20 with Kiroku's command. It reads the model from a " +
    "tracking server, or from the model's zip:",
  'deploy.copyServe': 'Copy the serve command',
  'deploy.copyServeZip': 'Copy the serve command for the zip',
  'deploy.modelZip': 'Download model (.zip)',
  'deploy.dockerHeading': 'Docker',
  'deploy.dockerText': 'The directory {command} writes: {build} it, or run {serve} in it.',
  'deploy.dockerZip': 'Download Dockerfile directory (.zip)',
  'deploy.webHeading': 'Web predictor',
  'deploy.webText':
    'One JavaScript module with the model inside, for any web page or Node, nothing to install: {import}, then ' +
    '{call}. The demo page predicts on a CSV you drop on it.',
  'deploy.webModule': 'Download web predictor (.mjs)',
  'deploy.webDemo': 'Download demo page (.html)',
  'deploy.preparing': 'Preparing the download…',
  'deploy.downloaded': 'Downloaded {files}.',
};
