import type { Command } from '../command';
import { COMMON_HELP } from '../command';
import { intOption, parse, projectDirOf } from '../args';
import { appRoot, ensureElectronSqlite, findElectron, runElectron } from '../electronLauncher';
import { serve } from './serve';

export const startCommand: Command = {
  name: 'start',
  summary: 'open the desktop app, or serve it to a browser where Electron is not available',
  usage: `Usage: amelia start [options]

Opens the amelia window (Electron). Where Electron's binary is not installed and cannot be
fetched, serves the same app with \`amelia serve\` and prints the URL to open instead.

Options:
      --port N       port for the fallback server (default as \`amelia serve\`)
${COMMON_HELP}`,
  async run(argv) {
    const { values } = parse(argv, { port: { type: 'string' } }, false);
    const projectDir = projectDirOf(values.project);
    const root = appRoot();
    const electron = findElectron(root);
    let reason = electron.ok ? '' : electron.reason;
    if (electron.ok) {
      const sqlite = ensureElectronSqlite(root);
      if (sqlite.ok) {
        process.stdout.write(`Starting the amelia window (Electron at ${electron.path}) on ${projectDir}\n`);
        return runElectron(electron.path, root, projectDir, sqlite.path);
      }
      reason = sqlite.reason;
    }
    const port = intOption(values.port, 'port', 0, 65535);
    return serve({
      projectDir,
      ...(port !== undefined ? { port } : {}),
      json: values.json === true,
      reason: `Electron is not available here (${reason}); serving amelia to a browser instead.`,
    });
  },
};
