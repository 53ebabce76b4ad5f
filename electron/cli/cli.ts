import { AmeliaError } from '../../shared/contract/envelope';
import { APP_VERSION } from '../engine/engine';
import { UsageError } from './args';
import type { Command } from './command';
import { agreementCommand } from './commands/agreement';
import { assignCommand } from './commands/assign';
import { auditCommand } from './commands/audit';
import { usersCommand } from './commands/users';
import { actorsCommand } from './commands/actors';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { importAnnotationsCommand } from './commands/importAnnotations';
import { inferCommand } from './commands/infer';
import { infoCommand } from './commands/info';
import { jobsCommand } from './commands/jobs';
import { modelsCommand } from './commands/models';
import { posesCommand } from './commands/poses';
import { serveCommand } from './commands/serve';
import { startCommand } from './commands/start';
import { taxonomyCommand } from './commands/taxonomy';
import { trainCommand } from './commands/train';
import { tubesCommand } from './commands/tubes';
import { videosCommand } from './commands/videos';

const commands: Command[] = [
  startCommand,
  serveCommand,
  importCommand,
  videosCommand,
  importAnnotationsCommand,
  exportCommand,
  jobsCommand,
  actorsCommand,
  tubesCommand,
  taxonomyCommand,
  posesCommand,
  trainCommand,
  inferCommand,
  modelsCommand,
  infoCommand,
  usersCommand,
  assignCommand,
  agreementCommand,
  auditCommand,
];

function mainHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return `amelia ${APP_VERSION}: annotate assisted-living video, review labels, train a situation classifier

Usage: amelia COMMAND [options]

Commands:
${commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Run \`amelia COMMAND --help\` for a command's options. Every command takes --project DIR
and --json.
`;
}

/** Runs the CLI with `argv` (without node and the script); returns the exit status. */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(mainHelp());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${APP_VERSION}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`amelia: unknown command "${name}"\n\n${mainHelp()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`amelia ${command.name}: ${err.message}\n\n${command.usage}\n`);
      return 2;
    }
    if (err instanceof AmeliaError) {
      process.stderr.write(`amelia ${command.name}: ${err.message}\n`);
      return 1;
    }
    process.stderr.write(
      `amelia ${command.name}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    return 1;
  }
}

// Run when this bundle is the program (bin/amelia.js imports it and calls runCli itself).
const entry = process.argv[1] ?? '';
if (/cli\.(js|ts)$/.test(entry)) {
  void runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
