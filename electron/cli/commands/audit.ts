import { writeFileSync } from 'node:fs';
import type { Command } from '../command';
import { COMMON_HELP } from '../command';
import { intOption, parse, projectDirOf } from '../args';
import { resolveVideo } from '../annotate';
import { printJson, table } from '../output';
import { unwrap } from '../unwrap';
import { withEngine } from '../withEngine';

function csvCell(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v ?? '');
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const auditCommand: Command = {
  name: 'audit',
  summary: 'the audit log: every change to labels, boundaries, boxes and review states',
  usage: `Usage: amelia audit [options] [VIDEO]

Lists the audit log, newest first: who changed what, when, and each entity before and after.
--tube ID gives the history of one tube; --csv writes a file (one row per changed entity).

Options:
      --tube ID      one tube's history
      --limit N      at most N entries (default 500)
      --csv FILE     write the log as CSV to FILE
${COMMON_HELP}`,
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      { tube: { type: 'string' }, limit: { type: 'string' }, csv: { type: 'string' } },
      true,
    );
    return withEngine({ projectDir: projectDirOf(values.project), runJobs: false }, async (engine) => {
      const video = positionals[0] ? await resolveVideo(engine, positionals[0]) : null;
      const entries = unwrap(
        await engine.call('edits.list', {
          ...(video ? { videoId: video.id } : {}),
          ...(values.tube ? { segmentId: values.tube } : {}),
          limit: intOption(values.limit, 'limit', 1, 10_000) ?? 500,
        }),
      );
      const users = unwrap(await engine.call('users.list', {}));
      const who = (id: string | null) => (id ? (users.find((u) => u.id === id)?.name ?? id) : 'local');
      if (values.csv) {
        const rows = [['edit', 'at', 'who', 'client', 'kind', 'summary', 'entity', 'id', 'before', 'after']];
        for (const e of entries)
          for (const c of e.changes)
            rows.push([
              String(e.id),
              e.at,
              who(e.userId),
              e.clientId ?? '',
              e.kind,
              e.summary,
              c.entity,
              c.id,
              JSON.stringify(c.before),
              JSON.stringify(c.after),
            ]);
        writeFileSync(values.csv, rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n');
      }
      if (values.json) printJson(entries);
      else
        process.stdout.write(
          table(
            ['#', 'at', 'who', 'kind', 'summary'],
            entries.map((e) => [
              String(e.id),
              e.at,
              who(e.userId),
              e.kind,
              e.summary + (e.undone ? ' (undone)' : ''),
            ]),
          ) + '\n',
        );
      return 0;
    });
  },
};
