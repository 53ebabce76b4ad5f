#!/usr/bin/env node
// The `amelia` command: runs the built CLI (npm run build makes out/main/cli.js).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../out/main/cli.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('amelia: not built yet. Run `npm run build` in the amelia folder first.\n');
  process.exit(1);
}
const { runCli } = await import(pathToFileURL(cli).href);
process.exit(await runCli(process.argv.slice(2)));
