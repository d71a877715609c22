import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client.js';
import { useAuth } from '../auth.js';
import { ErrorBox, Notice } from '../components/feedback.js';

export function LoginScreen() {
  const { login, expired } = useAuth();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(username.trim(), password);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const wrongPassword = error instanceof ApiError && (error.status === 401 || error.status === 400);
  return (
    <div className="login-wrap">
      <main className="login" aria-labelledby="login-title">
        <h1 id="login-title">IMR Workbench</h1>
        <p className="lede">Independent Medical Review: intake, review and letters.</p>
        {expired && !error && (
          <Notice kind="info" title="Your session ended.">
            Log in again to continue where you left off.
          </Notice>
        )}
        {wrongPassword ? (
          <div className="alert error" role="alert">
            <strong>Wrong username or password.</strong>
            Check both and try again; passwords are case-sensitive. Ask an administrator to reset yours if you have forgotten it.
          </div>
        ) : (
          error !== null && <ErrorBox error={error} title="Could not log in." />
        )}
        <form onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor="username">Username</label>
            <input id="username" type="text" autoComplete="username" autoFocus value={username} onChange={(e) => setUsername(e.target.value)} required />
          </div>
          <div className="field">
            <label htmlFor="password">Password</label>
            <input id="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          </div>
          <button className="primary" type="submit" disabled={busy || !username || !password}>
            {busy ? 'Logging in…' : 'Log in'}
          </button>
        </form>
        <p className="muted small" style={{ marginTop: '0.9rem', marginBottom: 0 }}>
          First start? <code>npm start</code> prints the demo users and their passwords in its terminal.
        </p>
      </main>
    </div>
  );
}
