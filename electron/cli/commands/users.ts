import type { Command } from '../command';
import { COMMON_HELP } from '../command';
import { UsageError, parse, projectDirOf } from '../args';
import { printJson, table } from '../output';
import { unwrap } from '../unwrap';
import { withEngine } from '../withEngine';
import { roleSchema } from '../../../shared/domain/user';
import type { Engine } from '../../engine/engine';

async function readPasswordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function userByName(engine: Engine, name: string) {
  const users = unwrap(await engine.call('users.list', {}));
  const u = users.find((x) => x.name.toLowerCase() === name.toLowerCase() || x.id === name);
  if (!u) throw new UsageError(`Nobody called "${name}" in this project.`);
  return u;
}

export const usersCommand: Command = {
  name: 'users',
  summary: 'list and manage the people of a project (roles, passwords)',
  usage: `Usage: amelia users [options]                                list people and their roles
       amelia users add NAME --role ROLE [--password-stdin]   add someone (the first must be an admin)
       amelia users set-password NAME --password-stdin        set someone's password
       amelia users role NAME ROLE                            change someone's role
       amelia users disable NAME | enable NAME               stop or allow someone signing in

ROLE is annotator, expert or admin. A project with nobody in it is open (whoever opens it is its
admin); once people are added, \`amelia serve\` asks them to sign in and the engine enforces their
roles on every call. The command line acts as the machine's owner (an admin).

Options:
      --role ROLE        the role of a new person
      --password-stdin   read the password from standard input (at least 10 characters)
${COMMON_HELP}`,
  async run(argv) {
    const { values, positionals } = parse(
      argv,
      { role: { type: 'string' }, 'password-stdin': { type: 'boolean', default: false } },
      true,
    );
    const [action = 'list', name, extra] = positionals;
    const projectDir = projectDirOf(values.project);
    const needName = () => {
      if (!name) throw new UsageError(`Name the person to ${action}.`);
      return name;
    };
    switch (action) {
      case 'list':
        return withEngine({ projectDir, runJobs: false }, async (engine) => {
          const users = unwrap(await engine.call('users.list', {}));
          if (values.json) printJson(users);
          else
            process.stdout.write(
              (users.length === 0
                ? 'Nobody yet: the project is open. Add its admin with `amelia users add NAME --role admin --password-stdin`.'
                : table(
                    ['name', 'role', 'password', 'state', 'id'],
                    users.map((u) => [
                      u.name,
                      u.role,
                      u.hasPassword ? 'set' : 'none',
                      u.disabled ? 'disabled' : 'active',
                      u.id,
                    ]),
                  )) + '\n',
            );
          return 0;
        });
      case 'add': {
        const who = needName();
        const role = roleSchema.safeParse(values.role);
        if (!role.success) throw new UsageError('--role is annotator, expert or admin.');
        const password = values['password-stdin'] ? await readPasswordFromStdin() : undefined;
        return withEngine({ projectDir, runJobs: false }, async (engine) => {
          const user = unwrap(
            await engine.call('users.create', {
              name: who,
              role: role.data,
              ...(password !== undefined ? { password } : {}),
            }),
          );
          if (values.json) printJson(user);
          else process.stdout.write(`added ${user.name} (${user.role}): ${user.id}\n`);
          return 0;
        });
      }
      case 'set-password': {
        const who = needName();
        if (!values['password-stdin'])
          throw new UsageError('Give the password on standard input with --password-stdin.');
        const password = await readPasswordFromStdin();
        return withEngine({ projectDir, runJobs: false }, async (engine) => {
          const user = await userByName(engine, who);
          unwrap(await engine.call('users.setPassword', { userId: user.id, password }));
          if (values.json) printJson({ userId: user.id });
          else process.stdout.write(`password set for ${user.name}; their sessions were ended\n`);
          return 0;
        });
      }
      case 'role':
      case 'disable':
      case 'enable': {
        const who = needName();
        const role = action === 'role' ? roleSchema.safeParse(extra) : null;
        if (role && !role.success) throw new UsageError('The role is annotator, expert or admin.');
        return withEngine({ projectDir, runJobs: false }, async (engine) => {
          const user = await userByName(engine, who);
          const updated = unwrap(
            await engine.call('users.update', {
              userId: user.id,
              ...(role?.success ? { role: role.data } : {}),
              ...(action === 'disable' ? { disabled: true } : action === 'enable' ? { disabled: false } : {}),
            }),
          );
          if (values.json) printJson(updated);
          else
            process.stdout.write(
              `${updated.name}: ${updated.role}, ${updated.disabled ? 'disabled' : 'active'}\n`,
            );
          return 0;
        });
      }
      default:
        throw new UsageError(
          `Unknown users action "${action}": use list, add, set-password, role, disable or enable.`,
        );
    }
  },
};
