import { useState } from 'react';
import type { FormEvent } from 'react';
import { useApp } from '../../store/store';

/** `amelia serve` on a secured project: name and password (the session is an HttpOnly cookie). */
function PasswordForm() {
  const signIn = useApp((s) => s.signIn);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const refused = await signIn(name.trim(), password);
    setBusy(false);
    if (refused) {
      setError(refused);
      setPassword('');
    }
  };
  return (
    <form className="signin-form" aria-label="Sign in" onSubmit={(e) => void submit(e)}>
      <label className="field">
        <span>Name</span>
        <input
          type="text"
          autoComplete="username"
          value={name}
          autoFocus
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label className="field">
        <span>Password</span>
        <input
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || !name.trim() || !password}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

/** The desktop: pick one's local profile (no password on one's own machine). */
function ProfilePicker() {
  const profiles = useApp((s) => s.profiles);
  const pickProfile = useApp((s) => s.pickProfile);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="profile-picker">
      {profiles.length === 0 ? (
        <p className="muted">Nobody in this project can work on it now (every profile is disabled).</p>
      ) : (
        <ul aria-label="Profiles">
          {profiles.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                onClick={() => {
                  setError(null);
                  void pickProfile(p.id).then(setError);
                }}
              >
                <strong>{p.name}</strong> <span className={`role-badge role-${p.role}`}>{p.role}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** Before anything else in a secured project: who is working. */
export function SignInView() {
  const transportKind = useApp((s) => s.transportKind);
  const message = useApp((s) => s.sessionMessage);
  return (
    <main className="signin" aria-label="Sign-in screen">
      <div className="signin-card">
        <h1 className="brand">amelia</h1>
        <h2>{transportKind === 'electron' ? 'Who is working?' : 'Sign in'}</h2>
        <p className="muted">
          {transportKind === 'electron'
            ? 'This project has people set up: pick your profile. What you do is recorded under your name.'
            : 'This project has people set up: sign in with the name and password an admin gave you.'}
        </p>
        {message && (
          <p className="notice-inline" role="status">
            {message}
          </p>
        )}
        {transportKind === 'electron' ? <ProfilePicker /> : <PasswordForm />}
      </div>
    </main>
  );
}
