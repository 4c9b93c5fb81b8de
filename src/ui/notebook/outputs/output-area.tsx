// A code cell's outputs, each rendered by its richest MIME type that we know (Jupyter's rule), in the
// order the kernel sent them. Renderers live one per file beside this one. Outputs come from files and
// cells: each bundle is checked before it is drawn (an entry that breaks its type's contract is named
// and skipped), and each output renders inside its own error boundary.
import { useMemo } from 'preact/hooks';
import type { CellOutput, MimeBundle } from '../../../notebook/protocol';
import { checkBundle } from '../../../notebook/output-check';
import { ErrorBoundary } from '../../components/error-boundary';
import { useSanitize } from '../../use-sanitize';
import { JsonTree } from './json-tree';
import { TableOutput } from './table-output';
import { ChartOutput } from './chart-output';
import { ProgressOutput, RunLinkOutput } from './kiroku-outputs';
import { ControlOutput } from './control-output';
import { TruncatedText } from './truncated-text';
import { ErrorOutput } from './error-output';
import { t } from '../../i18n/t';

export function OutputArea({ outputs, label }: { outputs: CellOutput[]; label: string }) {
  if (!outputs.length) return null;
  return (
    <div class="outputs" role="group" aria-label={label}>
      {outputs.map((o, i) => (
        <div class="output" key={o.output_type === 'display_data' && o.displayId ? o.displayId : i}>
          <ErrorBoundary what={t('out.what')} resetKey={o}>
            <Output output={o} />
          </ErrorBoundary>
        </div>
      ))}
    </div>
  );
}

function Output({ output }: { output: CellOutput }) {
  switch (output.output_type) {
    case 'stream':
      return <TruncatedText text={output.text} class={`stream stream-${output.name}`} />;
    case 'error':
      return <ErrorOutput output={output} />;
    case 'display_data':
    case 'execute_result':
      return <CheckedMimeOutput data={output.data} />;
  }
}

/** The bundle's valid entries drawn; the malformed ones named above them. */
function CheckedMimeOutput({ data }: { data: unknown }) {
  const { bundle, problems } = useMemo(() => checkBundle(data), [data]);
  return (
    <>
      {problems.length > 0 && (
        <p class="output-problem" role="note">
          {t('out.partly', { problems: problems.join('; ') })}
        </p>
      )}
      {(Object.keys(bundle).length > 0 || !problems.length) && <MimeOutput data={bundle} />}
    </>
  );
}

/** The renderers by preference: the first whose MIME type the bundle has wins. */
export function MimeOutput({ data }: { data: MimeBundle }) {
  if (data['application/vnd.kiroku.run+json']) return <RunLinkOutput run={data['application/vnd.kiroku.run+json']} />;
  if (data['application/vnd.kiroku.control+json'])
    return <ControlOutput spec={data['application/vnd.kiroku.control+json']} />;
  if (data['application/vnd.kiroku.progress+json'])
    return <ProgressOutput progress={data['application/vnd.kiroku.progress+json']} />;
  if (data['application/vnd.kiroku.table+json'])
    return <TableOutput table={data['application/vnd.kiroku.table+json']} />;
  if (data['application/vnd.kiroku.chart+json'])
    return <ChartOutput spec={data['application/vnd.kiroku.chart+json']} />;
  if (data['image/png'])
    return (
      <img
        class="output-image"
        alt={data['text/plain'] ?? t('out.image')}
        src={`data:image/png;base64,${data['image/png']}`}
      />
    );
  // An SVG shown through <img> cannot run scripts, whatever it contains.
  if (data['image/svg+xml'])
    return (
      <img
        class="output-image"
        alt={data['text/plain'] ?? t('out.svg')}
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(data['image/svg+xml'])}`}
      />
    );
  if (data['text/html']) return <HtmlOutput html={data['text/html']} />;
  if (data['text/markdown']) return <HtmlOutput markdown={data['text/markdown']} />;
  if ('application/json' in data) return <JsonTree value={data['application/json']} />;
  if (data['text/plain'] !== undefined) return <TruncatedText text={data['text/plain']} class="text-plain" />;
  return <p class="muted">{t('out.unknown', { types: Object.keys(data).join(', ') })}</p>;
}

/** HTML (or markdown) output, sanitized: empty (busy) for the moment the sanitizer takes to load. */
function HtmlOutput({ html, markdown }: { html?: string; markdown?: string }) {
  const sanitize = useSanitize();
  const clean = useMemo(
    () => sanitize && (markdown !== undefined ? sanitize.renderMarkdown(markdown) : sanitize.sanitizeHtml(html ?? '')),
    [sanitize, html, markdown],
  );
  if (clean === undefined) return <div class="output-html" aria-busy="true" />;
  return (
    <div
      class={markdown !== undefined ? 'output-html markdown' : 'output-html'}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized by DOMPurify (sanitizeHtml, renderMarkdown)
      dangerouslySetInnerHTML={{ __html: clean }}
    />
  );
}
