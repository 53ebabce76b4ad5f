import type { ModelDetail, SplitEvaluation } from '../../shared/domain/classifier';

const pct = (x: number | null | undefined) =>
  x === null || x === undefined ? '–' : `${(100 * x).toFixed(1)} %`;
const num = (x: number | null | undefined, digits = 3) =>
  x === null || x === undefined ? '–' : x.toFixed(digits);

function table(header: string[], rows: string[][]): string {
  const esc = (s: string) => s.replaceAll('|', '\\|').replace(/\s+/g, ' ');
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

/** The most frequent confusions of an evaluation: "A taken for B in n of m windows". */
export function topConfusions(e: SplitEvaluation, names: readonly string[], count = 3): string[] {
  const out: { n: number; text: string }[] = [];
  e.metrics.confusion.forEach((row, t) => {
    const support = row.reduce((a, b) => a + b, 0);
    row.forEach((n, p) => {
      if (p !== t && n > 0) {
        out.push({
          n,
          text: `"${names[t] ?? t}" taken for "${names[p] ?? p}" in ${n} of ${support} windows`,
        });
      }
    });
  });
  return out
    .sort((a, b) => b.n - a.n)
    .slice(0, count)
    .map((o) => o.text);
}

function evaluationSection(title: string, e: SplitEvaluation | null, detail: ModelDetail): string {
  const names = detail.info.classes.map((c) => c.name);
  if (!e) return `### ${title}\n\nNo ${title.toLowerCase()} split: nothing was held out for it.\n`;
  const m = e.metrics;
  const parts = [
    `### ${title} (${e.windows} windows)`,
    '',
    table(
      ['top-1 accuracy', 'mean class accuracy', 'macro-F1', 'ECE'],
      [[pct(m.accuracy), pct(m.meanClassAccuracy), num(m.macroF1), num(e.calibration.ece)]],
    ),
    '',
    table(
      ['class', 'precision', 'recall', 'F1', 'windows'],
      m.perClass.map((c, i) => [
        names[i] ?? String(i),
        num(c.precision),
        num(c.recall),
        num(c.f1),
        String(c.support),
      ]),
    ),
    '',
    'Confusion matrix (rows: true class, columns: predicted):',
    '',
    table(
      ['true \\ predicted', ...names],
      m.confusion.map((row, i) => [names[i] ?? String(i), ...row.map(String)]),
    ),
  ];
  if (e.events) {
    const ev = e.events;
    parts.push(
      '',
      `Critical events (each track a continuous recording; an alert within ${ev.toleranceSec} s of an event finds it):`,
      '',
      table(
        ['class', 'events', 'found', 'event recall', 'alerts'],
        ev.perClass.map((c) => [
          names[c.classIndex] ?? String(c.classIndex),
          String(c.events),
          String(c.detected),
          pct(c.recall),
          String(c.alerts),
        ]),
      ),
      '',
      `False alarms: ${ev.falseAlarms} in ${(ev.hours * 60).toFixed(1)} minutes of recording (${
        ev.falseAlarmsPerHour === null ? '–' : ev.falseAlarmsPerHour.toFixed(1)
      } an hour).`,
    );
  }
  return parts.join('\n') + '\n';
}

/** The model card: what the model is, what it learnt from, how well it does, and where it fails. */
export function modelCard(detail: ModelDetail): string {
  const { info, dataset, metrics } = detail;
  const names = info.classes.map((c) => c.name);
  const cfg = detail.config as Record<string, unknown>;
  const augment = (cfg.augment ?? {}) as Record<string, unknown>;
  const last = detail.history[detail.history.length - 1];
  const failures = metrics.test ? topConfusions(metrics.test, names) : [];
  const criticalNames = metrics.critical.map((i) => names[i] ?? String(i));
  const lines = [
    `# Model card: ${info.name}`,
    '',
    table(
      ['', ''],
      [
        ['id', info.id],
        ['created', info.createdAt],
        [
          'architecture',
          info.architecture === 'tcn' ? 'temporal CNN (tcn)' : 'spatio-temporal graph convolution (stgcn)',
        ],
        ['parameters', String(info.parameterCount)],
        ['classes', `${names.length}, at the ${info.levelName} level (level ${info.level})`],
        ['taxonomy version', String(info.taxonomyVersion)],
        ['poses', info.poseModel],
        ['trained on', `${info.backend}, ${info.trainSeconds.toFixed(0)} s`],
        ['seed', String(info.seed)],
      ],
    ),
    '',
    '## Intended use',
    '',
    `Pre-labelling assisted-living recordings with the person's situation (${names.join(', ')}), for annotators to confirm or correct, and flagging moments that may need attention (${criticalNames.length > 0 ? criticalNames.join(', ') : 'no critical class'}). It is an aid to people reviewing video, not a fall alarm: it has not been validated for unattended monitoring, and its alerts must be checked by a person.`,
    '',
    '## Data',
    '',
    `${dataset.tubesUsed} labelled tubes with ${dataset.poseModel} poses from ${dataset.videos.length} video${dataset.videos.length === 1 ? '' : 's'}, ${dataset.people.length} ${dataset.people.length === 1 ? 'person' : 'people'}; labels taken at the ${dataset.levelName} level (finer labels count as their ancestor there).`,
    '',
    `- Sources: ${dataset.videos
      .map((v) => v.name)
      .slice(0, 20)
      .join(', ')}${dataset.videos.length > 20 ? ', …' : ''}`,
    `- Annotators: ${dataset.annotators.join(', ') || '–'}`,
    `- Agreement: ${dataset.agreement ?? 'not measured (the review loop measures it once annotators label the same tubes)'}`,
    `- Splits: by ${dataset.groupedBy === 'recording' ? 'recording' : 'recording and person'}, stratified by class, seed ${dataset.seed}${dataset.recordingPattern ? `, recordings told apart by the pattern \`${dataset.recordingPattern}\`` : ', each video a recording'}`,
    ...dataset.tubesSkipped.map(
      (s) => `- Left out: ${s.count} tube${s.count === 1 ? '' : 's'} (${s.reason})`,
    ),
    '',
    table(
      ['class', 'tubes', 'recordings', 'train windows', 'validation windows', 'test windows', ''],
      dataset.classes.map((c) => [
        c.name,
        String(c.tubes),
        String(c.recordings),
        String(c.windows.train),
        String(c.windows.validation),
        String(c.windows.test),
        c.rare ? 'very rare' : '',
      ]),
    ),
    '',
    `Very rare: ${dataset.rareRule}.`,
    '',
    table(
      ['split', 'groups', 'tracks', 'windows'],
      (['train', 'validation', 'test'] as const).map((s) => [
        s,
        String(dataset.splits[s].groups),
        String(dataset.splits[s].tracks),
        String(dataset.splits[s].windows),
      ]),
    ),
    '',
    '## Training',
    '',
    `${detail.history.length} epochs of ${String(cfg.epochs ?? '?')} (${detail.stoppedEarly ? 'stopped early' : 'all run'}); weights of epoch ${info.bestEpoch} kept (best validation macro-F1). Windows of ${String(cfg.windowFrames)} frames at ${String(cfg.frameRateHz)} Hz, stride ${String(cfg.strideFrames)} (training) and ${String(cfg.evalStrideFrames)} (evaluation); ${String(cfg.coordinates)} coordinates${cfg.velocity ? ' with velocities' : ''}, centred on the hips per ${String(cfg.centre)}, scaled by the torso. Augmentation: ${augment.mirror ? 'mirror with joint swap, ' : ''}rotation ±${String(augment.rotationDeg)}°, scaling ±${Math.round(100 * Number(augment.scale ?? 0))} %, temporal jitter ±${String(augment.jitterFrames)} frames. Class-weighted cross-entropy (weights ${detail.classWeights.map((w) => w.toFixed(2)).join(', ')}), Adam at ${String(cfg.learningRate)}.${last ? ` Last epoch: training loss ${last.trainLoss.toFixed(3)}, validation macro-F1 ${num(last.validationMacroF1)}.` : ''}`,
    '',
    '## Metrics',
    '',
    evaluationSection('Test', metrics.test, detail),
    evaluationSection('Validation', metrics.validation, detail),
    '## Limits',
    '',
    '- It sees only poses: what a person holds, where they are in the room and what furniture is there are invisible to it, so lying in bed and lying on the floor look alike to it.',
    "- Poses are 2D image keypoints (and BlazePose's estimated 3D); a person partly out of view, hidden, or far from the camera gives poor poses and poor predictions.",
    `- It judges windows of ${(Number(cfg.windowFrames) / Number(cfg.frameRateHz)).toFixed(1)} s: shorter events can be missed, and its timeline is no finer than the evaluation stride.`,
    '- Metrics on a small test split are uncertain: read them with the class counts above.',
    ...dataset.warnings.map((w) => `- ${w}`),
    ...detail.warnings.map((w) => `- ${w}`),
    '',
    '## Known failure cases',
    '',
    ...(failures.length > 0
      ? failures.map((f) => `- ${f} (test split)`)
      : ['- None measured on the test split.']),
    '',
    '## Taxonomy',
    '',
    `Taxonomy version ${info.taxonomyVersion}, level "${info.levelName}". A later taxonomy change (merges, moves) may change what these classes mean: retrain after one.`,
    '',
  ];
  return lines.join('\n');
}
