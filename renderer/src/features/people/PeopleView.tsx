import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { Role, User } from '../../../../shared/domain/user';
import { roleSchema } from '../../../../shared/domain/user';
import { useApp } from '../../store/store';
import { ReviewSettingsForm } from './ReviewSettingsForm';

const ROLES: readonly Role[] = roleSchema.options;

const ROLE_TEXT: Record<Role, string> = {
  annotator: 'labels the videos assigned to them',
  expert: 'reviews disputes, makes tubes final, edits the taxonomy',
  admin: 'all of that, and manages people and assignments',
};

/** Adds a person; in an open project the first one, who must be an admin (and secures the project). */
function AddPersonForm({ first }: { first: boolean }) {
  const addPerson = useApp((s) => s.addPerson);
  const desktop = useApp((s) => s.transportKind === 'electron');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(first ? 'admin' : 'annotator');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Signing in to `amelia serve` needs a password; the first admin over HTTP signs in with it at once.
  const passwordNeeded = first && !desktop;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const refused = await addPerson({
      name: name.trim(),
      role: first ? 'admin' : role,
      ...(password ? { password } : {}),
    });
    setBusy(false);
    if (refused) setError(refused);
    else {
      setName('');
      setPassword('');
    }
  };
  return (
    <form className="add-person" aria-label="Add a person" onSubmit={(e) => void submit(e)}>
      <label className="field">
        <span>Name</span>
        <input type="text" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      </label>
      <label className="field">
        <span>Role</span>
        <select
          value={first ? 'admin' : role}
          disabled={first}
          aria-label="Role"
          onChange={(e) => setRole(roleSchema.parse(e.target.value))}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Password{passwordNeeded ? '' : ' (to sign in to amelia serve)'}</span>
        <input
          type="password"
          value={password}
          autoComplete="new-password"
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <button
        type="submit"
        className="primary"
        disabled={busy || !name.trim() || (passwordNeeded && !password)}
      >
        {first ? 'Add the first admin and secure the project' : 'Add'}
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function PasswordCell({ user }: { user: User }) {
  const setPersonPassword = useApp((s) => s.setPersonPassword);
  const notify = useApp((s) => s.notify);
  const [editing, setEditing] = useState(false);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!editing) {
    return (
      <td>
        <span className={user.hasPassword ? '' : 'muted'}>{user.hasPassword ? 'set' : 'none'}</span>{' '}
        <button type="button" className="link" onClick={() => setEditing(true)}>
          Set password…
        </button>
      </td>
    );
  }
  return (
    <td>
      <form
        className="inline-form"
        aria-label={`New password for ${user.name}`}
        onSubmit={(e) => {
          e.preventDefault();
          void setPersonPassword(user.id, password).then((refused) => {
            setError(refused);
            if (!refused) {
              setEditing(false);
              setPassword('');
              notify('info', `${user.name}’s password was set.`);
            }
          });
        }}
      >
        <input
          type="password"
          value={password}
          aria-label="New password"
          autoComplete="new-password"
          autoFocus
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" disabled={!password}>
          Save
        </button>
        <button type="button" onClick={() => setEditing(false)}>
          Cancel
        </button>
        {error && (
          <span className="form-error" role="alert">
            {error}
          </span>
        )}
      </form>
    </td>
  );
}

function PersonRow({ user }: { user: User }) {
  const updatePerson = useApp((s) => s.updatePerson);
  const me = useApp((s) => s.user?.id === user.id);
  return (
    <tr aria-label={user.name} data-user-id={user.id} className={user.disabled ? 'disabled-row' : undefined}>
      <td>
        <strong>{user.name}</strong>
        {me && <span className="muted"> (you)</span>}
      </td>
      <td>
        <select
          value={user.role}
          aria-label={`Role of ${user.name}`}
          onChange={(e) => void updatePerson(user.id, { role: roleSchema.parse(e.target.value) })}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </td>
      <PasswordCell user={user} />
      <td>
        {user.disabled ? 'disabled' : 'active'}{' '}
        <button
          type="button"
          className="link"
          onClick={() => void updatePerson(user.id, { disabled: !user.disabled })}
        >
          {user.disabled ? 'Enable' : 'Disable'}
        </button>
      </td>
    </tr>
  );
}

/** People and roles, and the project's review settings (admins). */
export function PeopleView() {
  const open = useApp((s) => s.authMode === 'open');
  const users = useApp((s) => s.users);
  const loadUsers = useApp((s) => s.loadUsers);
  const loadReviewSettings = useApp((s) => s.loadReviewSettings);
  useEffect(() => {
    void loadUsers();
    void loadReviewSettings();
  }, [loadUsers, loadReviewSettings]);

  if (open) {
    return (
      <section className="page" aria-label="People">
        <h2>Set up people</h2>
        <p>
          Nobody is set up in this project yet, so whoever opens it is its admin. Add people to run the review
          loop: annotators label the videos assigned to them, experts settle disputes, admins manage people.
        </p>
        <p className="muted">
          The first person must be an admin. Adding them secures the project: from then on everyone signs in
          (in a browser, with their password) or picks their profile (in the desktop app), and you go on as
          this admin.
        </p>
        <AddPersonForm first />
      </section>
    );
  }
  return (
    <section className="page" aria-label="People">
      <h2>People</h2>
      <table className="table people-table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Role</th>
            <th>Password</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <PersonRow key={u.id} user={u} />
          ))}
        </tbody>
      </table>
      <h3>Add a person</h3>
      <ul className="role-help">
        {ROLES.map((r) => (
          <li key={r}>
            <span className={`role-badge role-${r}`}>{r}</span> {ROLE_TEXT[r]}
          </li>
        ))}
      </ul>
      <AddPersonForm first={false} />
      <ReviewSettingsForm />
    </section>
  );
}
