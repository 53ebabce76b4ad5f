import type { Database } from 'better-sqlite3';
import { AmeliaError } from '../../../shared/contract/envelope';
import type { Role, User } from '../../../shared/domain/user';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';

interface UserRow {
  id: string;
  name: string;
  role: string;
  created_at: string;
  password_hash: string | null;
  disabled: number;
}

function toUser(r: UserRow): User {
  return {
    id: r.id,
    name: r.name,
    role: r.role as Role,
    disabled: r.disabled === 1,
    hasPassword: r.password_hash !== null,
  };
}

/** A project with nobody in it is open: whoever opens it is its admin. Adding people secures it. */
export function projectMode(db: Database): 'open' | 'secured' {
  return db.prepare('SELECT 1 FROM users LIMIT 1').get() === undefined ? 'open' : 'secured';
}

export function listUsers(db: Database): User[] {
  return (db.prepare('SELECT * FROM users ORDER BY name').all() as UserRow[]).map(toUser);
}

export function getUser(db: Database, id: string): User | null {
  const r = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return r ? toUser(r) : null;
}

export function requireUser(db: Database, id: string, field = 'userId'): User {
  const u = getUser(db, id);
  if (!u) throw new AmeliaError('not_found', `No person ${id} in this project.`, field);
  return u;
}

function activeAdmins(db: Database): number {
  return (
    db.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0").get() as { n: number }
  ).n;
}

export async function createUser(
  db: Database,
  id: string,
  input: { name: string; role: Role; password?: string | undefined },
  at: string,
): Promise<User> {
  if (projectMode(db) === 'open' && input.role !== 'admin') {
    throw new AmeliaError('invalid_request', 'The first person of a project is its admin.', 'role');
  }
  if (db.prepare('SELECT 1 FROM users WHERE name = ? COLLATE NOCASE').get(input.name)) {
    throw new AmeliaError('conflict', `There is already someone called "${input.name}".`, 'name');
  }
  let hash: string | null = null;
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) throw new AmeliaError('invalid_request', problem, 'password');
    hash = await hashPassword(input.password);
  }
  db.prepare('INSERT INTO users (id, name, role, created_at, password_hash) VALUES (?, ?, ?, ?, ?)').run(
    id,
    input.name,
    input.role,
    at,
    hash,
  );
  return requireUser(db, id);
}

export function updateUser(
  db: Database,
  id: string,
  patch: { name?: string | undefined; role?: Role | undefined; disabled?: boolean | undefined },
): User {
  const user = requireUser(db, id);
  const losesAdmin =
    user.role === 'admin' &&
    !user.disabled &&
    ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true);
  if (losesAdmin && activeAdmins(db) <= 1) {
    throw new AmeliaError('conflict', 'This is the last admin: make someone else admin first.', 'userId');
  }
  if (patch.name !== undefined && patch.name !== user.name) {
    if (db.prepare('SELECT 1 FROM users WHERE name = ? COLLATE NOCASE AND id <> ?').get(patch.name, id)) {
      throw new AmeliaError('conflict', `There is already someone called "${patch.name}".`, 'name');
    }
  }
  db.prepare('UPDATE users SET name = ?, role = ?, disabled = ? WHERE id = ?').run(
    patch.name ?? user.name,
    patch.role ?? user.role,
    (patch.disabled ?? user.disabled) ? 1 : 0,
    id,
  );
  if (patch.disabled === true) db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id);
  return requireUser(db, id);
}

export async function setPassword(db: Database, id: string, password: string): Promise<void> {
  requireUser(db, id);
  const problem = passwordProblem(password);
  if (problem) throw new AmeliaError('invalid_request', problem, 'password');
  db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(await hashPassword(password), id);
  // A new password ends every session of the old one.
  db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id);
}

/** A hash of nothing, so a sign-in with an unknown name costs as much as one with a known name. */
let decoy: Promise<string> | null = null;

/** The user with this name and password, or null. Disabled users cannot sign in. */
export async function checkCredentials(db: Database, name: string, password: string): Promise<User | null> {
  const r = db.prepare('SELECT * FROM users WHERE name = ? COLLATE NOCASE').get(name) as UserRow | undefined;
  if (!r || r.password_hash === null) {
    decoy ??= hashPassword('a password nobody has');
    await verifyPassword(password, await decoy);
    return null;
  }
  const okPassword = await verifyPassword(password, r.password_hash);
  return okPassword && r.disabled === 0 ? toUser(r) : null;
}

export async function currentPasswordMatches(db: Database, id: string, password: string): Promise<boolean> {
  const r = db.prepare('SELECT password_hash FROM users WHERE id = ?').get(id) as
    { password_hash: string | null } | undefined;
  return r?.password_hash ? verifyPassword(password, r.password_hash) : false;
}
