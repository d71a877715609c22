import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { adminApi, type UserView } from '../api/admin.js';
import { api, type Role } from '../api/endpoints.js';
import { queryKeys } from '../api/query-keys.js';
import { useAuth } from '../auth.js';
import { ErrorBox, Loading, Notice } from '../components/feedback.js';
import { DataTable } from '../components/paged-table.js';
import { useBusy } from '../lib/use-busy.js';

const ROLES: Array<{ value: Role; label: string }> = [
  { value: 'intake', label: 'Intake (IMRO staff)' },
  { value: 'reviewer', label: 'Reviewer' },
  { value: 'party', label: 'Party (reads its letters)' },
  { value: 'admin', label: 'Administrator' },
];

/** What the last action produced: a password shown once, or a sentence saying what happened. */
type Outcome = { kind: 'password'; username: string; password: string; why: string } | { kind: 'done'; text: string };

/** The users (admin): add, disable or enable, reset a password, revoke API tokens. */
export function UsersScreen() {
  const { me } = useAuth();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: queryKeys.users, queryFn: () => adminApi.users() });
  const usersChanged = () => void queryClient.invalidateQueries({ queryKey: queryKeys.users });
  const [adding, setAdding] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [confirm, setConfirm] = useState<string | null>(null);
  const { busy, error, run } = useBusy();

  const act = (label: string, fn: () => Promise<Outcome>) =>
    run(label, async () => {
      setOutcome(null);
      setOutcome(await fn());
      setConfirm(null);
      usersChanged();
    });
  const disable = (u: UserView) =>
    act(`Disabling ${u.username}…`, async () => {
      const r = await adminApi.disableUser(u.id);
      return { kind: 'done', text: `${u.username} is disabled: ${r.sessionsEnded} session(s) ended and ${r.tokensRevoked} API token(s) revoked. Logging in is refused until the user is enabled again.` };
    });
  const enable = (u: UserView) =>
    act(`Enabling ${u.username}…`, async () => {
      await adminApi.enableUser(u.id);
      return { kind: 'done', text: `${u.username} is enabled and can log in with their password (revoked API tokens stay revoked).` };
    });
  const reset = (u: UserView) =>
    act(`Resetting the password of ${u.username}…`, async () => {
      const r = await adminApi.resetPassword(u.id);
      return { kind: 'password', username: u.username, password: r.password, why: `New password; ${r.sessionsEnded} session(s) of ${u.username} ended.` };
    });
  const revoke = (u: UserView) =>
    act(`Revoking the API tokens of ${u.username}…`, async () => {
      const n = await adminApi.revokeTokens(u.id);
      return { kind: 'done', text: n ? `${n} API token(s) of ${u.username} revoked.` : `${u.username} had no active API token.` };
    });

  return (
    <section aria-labelledby="users-title">
      <div className="page-head">
        <h1 id="users-title">Users</h1>
        {list.data && <span className="sub">{list.data.length} users · {list.data.filter((u) => !u.active).length} disabled</span>}
        <div className="actions">
          <button type="button" className="primary" onClick={() => setAdding(!adding)} aria-expanded={adding}>
            {adding ? 'Close the form' : 'Add a user'}
          </button>
        </div>
      </div>
      {adding && (
        <AddUser
          onAdded={(username, password) => {
            setAdding(false);
            setOutcome({ kind: 'password', username, password, why: `${username} was added.` });
            usersChanged();
          }}
        />
      )}
      {outcome?.kind === 'password' && (
        <Notice kind="ok" title={outcome.why}>
          <p>
            Password for <strong>{outcome.username}</strong>: <code className="mono" data-testid="one-time-password">{outcome.password}</code>
          </p>
          <p className="small">It is shown only now and stored nowhere in clear: give it to the person through a safe channel.</p>
          <button type="button" onClick={() => setOutcome(null)}>
            I have noted it
          </button>
        </Notice>
      )}
      {outcome?.kind === 'done' && <Notice kind="ok">{outcome.text}</Notice>}
      {busy && <Notice kind="info">{busy}</Notice>}
      {error !== null && <ErrorBox error={error} title="That did not work." />}
      {list.error !== null && <ErrorBox error={list.error} title="The users could not be loaded." onRetry={() => void list.refetch()} />}
      {list.isPending && <Loading label="Loading users…" />}
      {list.data && (
        <DataTable label="Users" columns={['User', 'Role', 'Status', 'Actions']}>
          {list.data.map((u) => (
            <tr key={u.id} data-username={u.username}>
              <td>
                {u.username}
                {u.displayName !== u.username && <div className="muted small">{u.displayName}</div>}
              </td>
              <td>
                {u.role}
                {u.reviewerId && <div className="muted small mono">{u.reviewerId}</div>}
              </td>
              <td>{u.active ? <span className="chip met">active</span> : <span className="chip unknown">disabled</span>}</td>
              <td>
                {confirm === u.id ? (
                  <div className="row small" role="group" aria-label={`Confirm disabling ${u.username}`}>
                    <span>Disable {u.username}? Their sessions end now.</span>
                    <button type="button" className="danger" disabled={busy !== null} onClick={() => void disable(u)}>
                      Disable {u.username}
                    </button>
                    <button type="button" onClick={() => setConfirm(null)}>
                      Cancel
                    </button>
                  </div>
                ) : (
                  <div className="row small">
                    {u.active ? (
                      <button type="button" disabled={busy !== null || u.id === me?.id} title={u.id === me?.id ? 'You cannot disable yourself' : undefined} onClick={() => setConfirm(u.id)}>
                        Disable
                      </button>
                    ) : (
                      <button type="button" disabled={busy !== null} onClick={() => void enable(u)}>
                        Enable
                      </button>
                    )}
                    <button type="button" disabled={busy !== null} onClick={() => void reset(u)}>
                      Reset password
                    </button>
                    <button type="button" disabled={busy !== null} onClick={() => void revoke(u)}>
                      Revoke tokens
                    </button>
                  </div>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function AddUser({ onAdded }: { onAdded(username: string, password: string): void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('intake');
  const [reviewerId, setReviewerId] = useState('');
  const reviewers = useQuery({ queryKey: queryKeys.reviewers, queryFn: () => api.reviewers(), enabled: role === 'reviewer' });
  const { busy, error, run } = useBusy();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run('Adding…', async () => {
      const r = await adminApi.createUser({ username: username.trim(), role, displayName: displayName.trim() || undefined, reviewerId: role === 'reviewer' ? reviewerId : undefined });
      onAdded(r.user.username, r.password ?? '');
    });
  };
  return (
    <form className="panel" onSubmit={submit} aria-label="Add a user">
      <h2>Add a user</h2>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="u-name">Username</label>
          <input id="u-name" type="text" required autoComplete="off" value={username} onChange={(e) => setUsername(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="u-display">
            Display name <span className="hint">(optional)</span>
          </label>
          <input id="u-display" type="text" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="u-role">Role</label>
          <select id="u-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        {role === 'reviewer' && (
          <div className="field">
            <label htmlFor="u-reviewer">Reviewer registry entry</label>
            <select id="u-reviewer" required value={reviewerId} onChange={(e) => setReviewerId(e.target.value)}>
              <option value="">Choose…</option>
              {(reviewers.data ?? []).map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name} ({r.id})
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <p className="muted small">The server generates the password and shows it once, after the user is added.</p>
      {error !== null && <ErrorBox error={error} title="The user was not added." />}
      <button type="submit" className="primary" disabled={busy !== null}>
        {busy ?? 'Add the user'}
      </button>
    </form>
  );
}
