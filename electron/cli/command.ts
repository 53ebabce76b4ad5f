/** A CLI command: its help text and what it does. `run` returns the exit status. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[]): Promise<number>;
}

export const COMMON_HELP = `  -p, --project DIR  the project folder (default: AMELIA_PROJECT, else the default project
                     in your data folder, made on first use)
      --json         print one JSON document with the result on stdout
  -h, --help         show this help`;
