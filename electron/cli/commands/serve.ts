import { fileURLToPath } from 'node:url';
import type { Command } from '../command';
import { COMMON_HELP } from '../command';
import { intOption, parse, projectDirOf } from '../args';
import { printJson } from '../output';
import { createEngine } from '../../engine/engine';
import { AmeliaError } from '../../../shared/contract/envelope';
import { describeBinaries } from '../../engine/media/binaries';
import { DEFAULT_PORT, startHttpServer } from '../../server/httpServer';

/** The built renderer, beside the built CLI (out/main → out/renderer). */
export function builtRendererDir(): string {
  return fileURLToPath(new URL('../renderer/', import.meta.url));
}

export async function serve(options: {
  projectDir: string;
  port?: number;
  host?: string;
  json: boolean;
  reason?: string;
}): Promise<number> {
  const engine = await createEngine({ projectDir: options.projectDir, runJobs: true });
  const loopback = !options.host || ['127.0.0.1', 'localhost', '::1'].includes(options.host);
  const status = await engine.call('auth.status', {});
  if (!loopback && status.ok && status.value.mode === 'open') {
    await engine.close();
    throw new AmeliaError(
      'forbidden',
      `Refusing to listen on ${options.host}: this project has nobody set up, so anyone reaching it would be its admin. ` +
        'Add an admin first: amelia users add NAME --role admin --password-stdin',
    );
  }
  const server = await startHttpServer({
    engine,
    rendererDir: builtRendererDir(),
    port: options.port ?? DEFAULT_PORT,
    ...(options.host ? { host: options.host } : {}),
  });
  if (options.json) {
    printJson({
      url: server.url,
      port: server.port,
      host: server.host,
      project: engine.project,
      ffmpeg: engine.binaries.ffmpeg,
      ffprobe: engine.binaries.ffprobe,
    });
  } else {
    process.stdout.write(
      [
        ...(options.reason ? [options.reason] : []),
        `amelia serve: project ${engine.project.dir}`,
        describeBinaries(engine.binaries),
        `Open ${server.url} in a browser. Ctrl-C stops the server.`,
      ].join('\n') + '\n',
    );
  }
  if (server.host !== '127.0.0.1' && server.host !== 'localhost' && server.host !== '::1') {
    process.stderr.write(
      `warning: listening on ${server.host}: anyone who can reach this machine can open the project.\n`,
    );
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stderr.write('Stopping…\n');
  await server.close();
  await engine.close();
  return 0;
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the app over HTTP for a browser',
  usage: `Usage: amelia serve [options]

Serves the app and its API on http://127.0.0.1:${DEFAULT_PORT}/ (loopback only unless --host says
otherwise) and runs the project's background jobs. Open the printed URL in a browser.

Options:
      --port N       port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
      --host H       address to listen on (default 127.0.0.1)
${COMMON_HELP}`,
  async run(argv) {
    const { values } = parse(argv, { port: { type: 'string' }, host: { type: 'string' } }, false);
    const port = intOption(values.port, 'port', 0, 65535);
    return serve({
      projectDir: projectDirOf(values.project),
      ...(port !== undefined ? { port } : {}),
      ...(values.host ? { host: values.host } : {}),
      json: values.json === true,
    });
  },
};
