import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AmeliaError } from '../../../shared/contract/envelope';
import { taxonomyDocumentSchema } from '../../../shared/taxonomy/document';
import type { Command } from '../command';
import { COMMON_HELP } from '../command';
import { UsageError, intOption, parse, projectDirOf } from '../args';
import { cliClientId, treeOrder } from '../annotate';
import { printJson, table } from '../output';
import { unwrap } from '../unwrap';
import { withEngine } from '../withEngine';

/** A place in a document as people write it: nodes[3].name. */
function place(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

export const taxonomyCommand: Command = {
  name: 'taxonomy',
  summary: 'show, export or import the activity taxonomy',
  usage: `Usage: amelia taxonomy [options]                   print the taxonomy as a tree, with its levels
       amelia taxonomy export [options]            write it as a taxonomy document (JSON)
       amelia taxonomy import [options] FILE       add and update nodes from a taxonomy document

Every change of the taxonomy makes a new version; labels keep the version they were made
with. An import adds the document's new nodes and updates those it names (by id); nodes it
does not name stay (deprecate them in the app to retire them).

Options:
      --version N    export the taxonomy as it was at version N (default: now)
      --out FILE     export to FILE instead of stdout
${COMMON_HELP}`,
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      { version: { type: 'string' }, out: { type: 'string' } },
      true,
    );
    const [action = 'show', file, ...rest] = positionals;
    if (rest.length > 0) throw new UsageError(`Unexpected arguments: ${rest.join(' ')}`);
    if (action !== 'export' && (values.version !== undefined || values.out !== undefined))
      throw new UsageError('--version and --out are for `amelia taxonomy export`.');
    const projectDir = projectDirOf(values.project);
    switch (action) {
      case 'show':
        return withEngine({ projectDir, runJobs: false }, async (engine) => {
          const taxonomy = unwrap(await engine.call('taxonomy.get', {}));
          const { tree, rows } = treeOrder(taxonomy);
          if (values.json) {
            printJson({
              ...taxonomy,
              nodes: rows.map(({ id, level }) => ({ ...tree.nodes.get(id), level })),
            });
            return 0;
          }
          const levelName = (level: number) => taxonomy.levels[level - 1] ?? `level ${level}`;
          const lines = rows.map(({ id, level }) => {
            const n = tree.nodes.get(id);
            const state = n?.deprecated
              ? n.mergedInto
                ? `deprecated, merged into ${n.mergedInto}`
                : 'deprecated'
              : '';
            return [`${'  '.repeat(level - 1)}${n?.name ?? id}`, id, `${level} ${levelName(level)}`, state];
          });
          process.stdout.write(
            [
              `${taxonomy.name}, version ${taxonomy.version}`,
              `levels: ${taxonomy.levels.map((l, i) => `${i + 1} ${l}`).join(', ')}`,
              '',
              table(['node', 'id', 'level', ''], lines),
            ].join('\n') + '\n',
          );
          return 0;
        });

      case 'export': {
        if (file !== undefined) throw new UsageError(`Unexpected argument: ${file} (use --out FILE).`);
        const version = intOption(values.version, 'version', 1, 2 ** 31 - 1);
        return withEngine({ projectDir, runJobs: false }, async (engine) => {
          const doc = unwrap(await engine.call('taxonomy.export', version !== undefined ? { version } : {}));
          const text = JSON.stringify(doc, null, 2) + '\n';
          if (values.out === undefined) {
            process.stdout.write(text);
            return 0;
          }
          const out = resolve(values.out);
          await writeFile(out, text);
          if (values.json) printJson({ file: out, version: doc.version ?? null, nodes: doc.nodes.length });
          else
            process.stdout.write(
              `wrote version ${doc.version ?? '?'} (${doc.nodes.length} nodes) to ${out}\n`,
            );
          return 0;
        });
      }

      case 'import': {
        if (file === undefined) throw new UsageError('Name the taxonomy document to import.');
        const path = resolve(file);
        let text: string;
        try {
          text = await readFile(path, 'utf8');
        } catch (err) {
          throw new AmeliaError('not_found', `Cannot read ${path}: ${(err as Error).message}`);
        }
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch (err) {
          throw new AmeliaError('invalid_request', `${path} is not JSON: ${(err as Error).message}`);
        }
        const parsed = taxonomyDocumentSchema.safeParse(json);
        if (!parsed.success) {
          const problems = parsed.error.issues
            .slice(0, 5)
            .map((i) => `${place(i.path) || 'the document'}: ${i.message}`);
          throw new AmeliaError(
            'invalid_request',
            `${path} is not a taxonomy document: ${problems.join('; ')}.`,
          );
        }
        return withEngine({ projectDir, runJobs: false }, async (engine) => {
          const before = unwrap(await engine.call('taxonomy.get', {}));
          const after = unwrap(
            await engine.call('taxonomy.import', { clientId: cliClientId(), document: parsed.data }),
          );
          const known = new Set(before.nodes.map((n) => n.id));
          const added = parsed.data.nodes.filter((n) => !known.has(n.id)).length;
          const result = {
            version: after.version,
            added,
            updated: parsed.data.nodes.length - added,
            nodes: after.nodes.length,
          };
          if (values.json) printJson(result);
          else
            process.stdout.write(
              `imported ${path}: ${result.added} node(s) added, ${result.updated} updated; the taxonomy is now version ${result.version} (${result.nodes} nodes)\n`,
            );
          return 0;
        });
      }

      default:
        throw new UsageError(
          `Unknown taxonomy action "${action}": use export or import (or nothing to show it).`,
        );
    }
  },
};
