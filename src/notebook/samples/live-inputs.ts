// Sample: live inputs — drag alpha, watch the fit and the runs table. Three code cells: the data and a
// slider; a fit that reads the slider (autologged: each settled value is a run); the coefficients and
// the runs so far, which read the fit. In English and Japanese; the code is shared, its comments and
// the prose differ.
import { dedent, md, sample, type Sample } from './build';
import { codeCell } from '../document';

interface Words {
  title: string;
  description: string;
  intro: string;
  fit: string;
  table: string;
  /** The code's comments, by cell. */
  comments: { data: string; fit: string; table: string };
  chartTitle: string;
}

const EN: Words = {
  title: 'Live inputs: drag alpha',
  description: 'A slider reruns the fit that reads it; every settled value is an autologged run.',
  intro: `# Live inputs: drag alpha, watch the fit and the runs

Run all once. Then drag the **alpha** slider: the two cells below it run again — only those two,
because they read \`alpha\` (or what a cell that reads it declares) — and each value you settle on is
fitted and logged as a run by autolog. Values you pass while dragging are not. A new value interrupts
the cells still running for the previous one.`,
  fit: `The fit reads \`alpha.value\`, so it reruns when the slider settles.`,
  table: `This cell reads \`model\`, which the fit declares, so it reruns after it: the coefficients
shrink as alpha grows, and the table lists the runs so far.`,
  comments: {
    data: '// The data, autologging, and a slider. Cells that read `alpha` rerun when it settles.',
    fit: '// Reads alpha.value: one run per settled value (autolog).',
    table: '// Reads model (declared by the cell above), so it reruns after it.',
  },
  chartTitle: 'Coefficients at alpha =',
};

const JA: Words = {
  title: 'ライブ入力：alpha を動かす',
  description: 'スライダーを動かすと、それを読むセルが再実行され、確定した値ごとにランが記録されます。',
  intro: `# ライブ入力：alpha を動かして、学習とランを見る

まず **すべて実行** で全体を実行します。次に **alpha** のスライダーを動かすと、その下の 2 つのセルだけが
再実行されます（\`alpha\` を読むセルと、そのセルが宣言した名前を読むセル）。値を確定させるたびに
モデルが学習され、オートロギングでランとして記録されます。ドラッグ中に通り過ぎた値は記録されません。
新しい値が来ると、前の値で実行中のセルは中断されます。`,
  fit: `このセルは \`alpha.value\` を読むので、スライダーの値が確定すると再実行されます。`,
  table: `このセルは上のセルが宣言した \`model\` を読むので、その後に再実行されます。alpha が大きくなるほど
係数は小さくなり、表にはこれまでのランが並びます。`,
  comments: {
    data: '// データ、オートロギング、スライダー。`alpha` を読むセルは値が確定すると再実行されます。',
    fit: '// alpha.value を読む：確定した値ごとにランが一つ（オートロギング）。',
    table: '// 上のセルが宣言した model を読むので、その後に再実行されます。',
  },
  chartTitle: '係数：alpha =',
};

function code(w: Words, experiment: string) {
  return {
    data: dedent(`
      ${w.comments.data}
      const cars = (await loadCSV('cars')).drop({ columns: ['name', 'origin', 'year'] }).dropNa({ axis: 1 });
      const target = 'miles_per_gallon';
      const features = cars.columns.filter((c) => c !== target);
      const [XTrain, XTest, yTrain, yTest] = ml.trainTestSplit(cars.loc({ columns: features }), cars.column(target), {
        testSize: 0.25,
        randomState: 0,
      });
      await mlflow.setExperiment('${experiment}');
      mlflow.autolog();
      const alpha = ui.slider({ min: 0.01, max: 2, step: 0.01, value: 0.5, label: 'alpha' });
      alpha
    `),
    fit: dedent(`
      ${w.comments.fit}
      const model = new ml.ElasticNet({ alpha: alpha.value, l1Ratio: 0.5 }).fit(XTrain, yTrain);
      const predicted = model.predict(XTest);
      ({ alpha: alpha.value, rmse: ml.rootMeanSquaredError(yTest, predicted), r2: ml.r2Score(yTest, predicted) })
    `),
    table: dedent(`
      ${w.comments.table}
      display({
        type: 'bar',
        title: \`${w.chartTitle} \${alpha.value}\`,
        x: { label: 'feature', values: features },
        series: [{ name: 'coefficient', values: Array.from(model.coef_) }],
      } satisfies ChartSpec);
      const runs = await mlflow.searchRuns({
        experimentNames: ['${experiment}'],
        orderBy: ['attributes.start_time DESC'],
      });
      runs.map((r) => ({ run: r.info.runName, alpha: r.data.params.alpha, r2: r.data.metrics.training_r2_score }))
    `),
  };
}

function liveInputs(id: string, w: Words, experiment: string): Sample {
  const c = code(w, experiment);
  return sample(id, w.title, w.description, () => [
    md(w.intro),
    codeCell(c.data),
    md(w.fit),
    codeCell(c.fit),
    md(w.table),
    codeCell(c.table),
  ]);
}

export const LIVE_INPUTS = liveInputs('live-inputs', EN, 'live-alpha');
export const LIVE_INPUTS_JA = liveInputs('live-inputs-ja', JA, 'live-alpha');
