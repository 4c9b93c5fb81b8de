// A cell's error as a reader wants it first: the error's name and message, then the cell lines it came
// through, each with its code. Frames inside libraries (Kiroku's own code, danfojs, TensorFlow.js) are
// behind "Show full traceback": they matter when reporting a bug, rarely when fixing a cell.
import { useState } from 'preact/hooks';
import type { CellOutput } from '../../../notebook/protocol';
import { tracebackLines } from '../../../notebook/traceback-format';
import { TruncatedText } from './truncated-text';
import { t } from '../../i18n/t';

type ErrorOutputData = Extract<CellOutput, { output_type: 'error' }>;

export function ErrorOutput({ output }: { output: ErrorOutputData }) {
  const [full, setFull] = useState(false);
  // Jupyter's traceback usually starts with the "Name: message" line itself; add it only if not.
  const head = `${output.ename}: ${output.evalue}`;
  const lines = tracebackLines(output.traceback[0]?.startsWith(head) ? output.traceback : [head, ...output.traceback]);
  const firstFrame = lines.findIndex((l) => l.kind !== 'message');
  const message = (firstFrame === -1 ? lines : lines.slice(0, firstFrame)).map((l) => l.text).join('\n');
  const frames = firstFrame === -1 ? [] : lines.slice(firstFrame);
  const library = frames.filter((l) => l.kind === 'library').length;
  const shown = full ? frames : frames.filter((l) => l.kind !== 'library');
  return (
    <div class="output-error" role="alert">
      <TruncatedText text={message} class="traceback traceback-message" />
      {shown.length > 0 && (
        <pre class="traceback traceback-frames">
          {shown.map((l, i) => (
            <span key={i} class={`tb-${l.kind}`}>
              {l.text}
              {'\n'}
            </span>
          ))}
        </pre>
      )}
      {library > 0 && (
        <button type="button" class="show-more" aria-expanded={full} onClick={() => setFull(!full)}>
          {full ? t('out.hideFrames') : t('out.fullTrace', { count: library })}
        </button>
      )}
    </div>
  );
}
