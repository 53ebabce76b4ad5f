import type { Command } from '../command';
import { COMMON_HELP } from '../command';
import { intOption, parse, projectDirOf } from '../args';
import { printJson, table } from '../output';
import { unwrap } from '../unwrap';
import { withEngine } from '../withEngine';
import type { AgreementReport } from '../../../shared/contract/api';

function fmt(m: { value: number | null; note?: string | undefined }): string {
  return m.value === null ? `n/a (${m.note ?? 'undefined'})` : m.value.toFixed(3);
}

export const agreementCommand: Command = {
  name: 'agreement',
  summary: 'inter-annotator agreement per taxonomy level and per pair, and per-annotator figures',
  usage: `Usage: amelia agreement [options]

Agreement over the tubes labelled independently (matched person and time), at every taxonomy
level or the one given: percent agreement, Fleiss' kappa and Krippendorff's alpha over all
annotators, and for each pair Cohen's kappa, percent agreement, mean temporal IoU and the
confusion matrix; then each annotator's volume, dispute rate, rework rate and agreement with the
final labels.

Options:
      --level N      one taxonomy level (1 = situations); default: every level
${COMMON_HELP}`,
  async run(argv) {
    const { values } = parse(argv, { level: { type: 'string' } }, false);
    const only = intOption(values.level, 'level', 1, 12);
    return withEngine({ projectDir: projectDirOf(values.project), runJobs: false }, async (engine) => {
      const taxonomy = unwrap(await engine.call('taxonomy.get', {}));
      const levels = only !== undefined ? [only] : taxonomy.levels.map((_, i) => i + 1);
      const reports: AgreementReport[] = [];
      for (const level of levels) reports.push(unwrap(await engine.call('review.agreement', { level })));
      const annotators = unwrap(await engine.call('review.annotators', {}));
      if (values.json) {
        printJson({ levels: reports, annotators });
        return 0;
      }
      const name = (id: string) => reports[0]?.annotators.find((a) => a.id === id)?.name ?? id;
      for (const r of reports) {
        process.stdout.write(
          `Level ${r.level} (${taxonomy.levels[r.level - 1] ?? ''}): ${r.items} matched tubes; agreement ${fmt(r.percentAgreement)}, ` +
            `Fleiss' kappa ${fmt(r.fleissKappa)}, Krippendorff's alpha ${fmt(r.krippendorffAlpha)}, ` +
            `mean temporal IoU ${r.meanTemporalIoU === null ? 'n/a' : r.meanTemporalIoU.toFixed(3)}\n`,
        );
        if (r.pairs.length > 0) {
          process.stdout.write(
            table(
              ['pair', 'tubes', "Cohen's kappa", 'agreement', 'mean tIoU'],
              r.pairs.map((p) => [
                `${name(p.a)} / ${name(p.b)}`,
                String(p.items),
                fmt(p.cohensKappa),
                fmt(p.percentAgreement),
                p.meanTemporalIoU === null ? 'n/a' : p.meanTemporalIoU.toFixed(3),
              ]),
            ) + '\n\n',
          );
        }
      }
      const pct = (x: number | null) => (x === null ? 'n/a' : `${Math.round(x * 100)} %`);
      process.stdout.write(
        table(
          ['annotator', 'role', 'tubes', 'frames', 'submitted', 'disputed', 'reworked', 'agrees with final'],
          annotators.map((a) => [
            a.name,
            a.role,
            String(a.tubes),
            String(a.frames),
            String(a.submitted),
            pct(a.disputeRate),
            pct(a.reworkRate),
            pct(a.agreementWithFinal),
          ]),
        ) + '\n',
      );
      return 0;
    });
  },
};
