import type { Command } from '../command';
import { COMMON_HELP } from '../command';
import { UsageError, parse, projectDirOf } from '../args';
import { metricsText, resolveModel } from '../classify';
import { printJson, table } from '../output';
import { unwrap } from '../unwrap';
import { withEngine } from '../withEngine';

const f3 = (x: number | null) => (x === null ? '–' : x.toFixed(3));

export const modelsCommand: Command = {
  name: 'models',
  summary: 'list, show, compare or remove trained situation classifiers',
  usage: `Usage: amelia models [options]             list the project's models
       amelia models show [options] M      a model's test metrics
       amelia models card [options] M      a model's card (Markdown)
       amelia models compare [options] A B two models side by side
       amelia models remove [options] M    remove a model and its files

M is a model's id, the start of one, or its name.

Options:
${COMMON_HELP}`,
  async run(argv) {
    const { values, positionals } = parse(argv, {}, true);
    const [action = 'list', ...refs] = positionals;
    const need = { list: 0, show: 1, card: 1, compare: 2, remove: 1 }[action];
    if (need === undefined)
      throw new UsageError(`Unknown models action "${action}": use list, show, card, compare or remove.`);
    if (refs.length !== need)
      throw new UsageError(`amelia models ${action} takes ${need} model${need === 1 ? '' : 's'}.`);
    return withEngine({ projectDir: projectDirOf(values.project), runJobs: false }, async (engine) => {
      switch (action) {
        case 'list': {
          const models = unwrap(await engine.call('models.list', {}));
          if (values.json) printJson(models);
          else
            process.stdout.write(
              (models.length === 0
                ? 'No models yet: train one with `amelia train`.'
                : table(
                    [
                      'id',
                      'name',
                      'architecture',
                      'level',
                      'classes',
                      'test macro-F1',
                      'test accuracy',
                      'created',
                    ],
                    models.map((m) => [
                      m.id.slice(0, 8),
                      m.name,
                      m.architecture,
                      m.levelName,
                      String(m.classes.length),
                      f3(m.testMacroF1),
                      f3(m.testAccuracy),
                      m.createdAt.slice(0, 16).replace('T', ' '),
                    ]),
                  )) + '\n',
            );
          return 0;
        }
        case 'show': {
          const m = await resolveModel(engine, refs[0] as string);
          const detail = unwrap(await engine.call('models.get', { modelId: m.id }));
          if (values.json) printJson(detail);
          else process.stdout.write(metricsText(detail) + '\n');
          return 0;
        }
        case 'card': {
          const m = await resolveModel(engine, refs[0] as string);
          const card = unwrap(await engine.call('models.card', { modelId: m.id }));
          if (values.json) printJson(card);
          else process.stdout.write(card.markdown);
          return 0;
        }
        case 'compare': {
          const a = await resolveModel(engine, refs[0] as string);
          const b = await resolveModel(engine, refs[1] as string);
          const c = unwrap(await engine.call('models.compare', { a: a.id, b: b.id }));
          if (values.json) printJson(c);
          else {
            process.stdout.write(
              table(
                ['metric', `A ${a.name}`, `B ${b.name}`, 'B − A'],
                c.rows.map((r) => [
                  r.metric,
                  f3(r.a),
                  f3(r.b),
                  r.delta === null ? '–' : (r.delta >= 0 ? '+' : '') + r.delta.toFixed(3),
                ]),
              ) + '\n',
            );
            process.stdout.write(
              table(
                ['class', 'F1 A', 'F1 B'],
                c.perClass.map((p) => [p.name, f3(p.f1A), f3(p.f1B)]),
              ) + '\n',
            );
            for (const n of c.notes) process.stdout.write(`note: ${n}\n`);
          }
          return 0;
        }
        case 'remove': {
          const m = await resolveModel(engine, refs[0] as string);
          const r = unwrap(await engine.call('models.remove', { modelId: m.id }));
          if (values.json) printJson(r);
          else process.stdout.write(`removed model ${m.id} (${m.name})\n`);
          return 0;
        }
        default:
          throw new UsageError(`Unknown models action "${action}".`);
      }
    });
  },
};
