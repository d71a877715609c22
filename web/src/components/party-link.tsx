import { useState, type FormEvent } from 'react';
import { adminApi } from '../api/admin.js';
import { useAuth } from '../auth.js';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys.js';
import { useBusy } from '../lib/use-busy.js';
import { ErrorBox } from './feedback.js';

/**
 * The case's parties (admin and intake): who reads its issued letters, and linking another party
 * user to it. Renders nothing for other roles, so the case screen places it with one line.
 */
export function PartyLink({ caseId, partyUserIds }: { caseId: string; partyUserIds: string[] }) {
  const { me } = useAuth();
  const staff = me?.role === 'admin' || me?.role === 'intake';
  const queryClient = useQueryClient();
  const parties = useQuery({ queryKey: queryKeys.parties, queryFn: () => adminApi.parties(), enabled: staff });
  const [linked, setLinked] = useState<string[]>(partyUserIds);
  const [choice, setChoice] = useState('');
  const { busy, error, run } = useBusy();
  if (!staff) return null;

  const all = parties.data ?? [];
  const name = (id: string) => {
    const p = all.find((x) => x.id === id);
    return p ? (p.displayName !== p.username ? `${p.displayName} (${p.username})` : p.username) : 'a disabled or removed user';
  };
  const unlinked = all.filter((p) => !linked.includes(p.id));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!choice) return;
    void run('Linking…', async () => {
      setLinked(await adminApi.linkParty(caseId, choice));
      setChoice('');
      void queryClient.invalidateQueries({ queryKey: queryKeys.case(caseId) });
    });
  };
  return (
    <section className="panel" aria-labelledby={`parties-${caseId}`}>
      <h2 id={`parties-${caseId}`}>Party users (letter access)</h2>
      <p className="muted small">Party users read this case's issued letters, and nothing else of it.</p>
      {linked.length === 0 ? (
        <p>No party is linked yet.</p>
      ) : (
        <ul aria-label="Linked parties">
          {linked.map((id) => (
            <li key={id}>{name(id)}</li>
          ))}
        </ul>
      )}
      <form className="row" onSubmit={submit}>
        <label htmlFor={`party-pick-${caseId}`} className="visually-hidden">
          Party user to link
        </label>
        <select id={`party-pick-${caseId}`} value={choice} onChange={(e) => setChoice(e.target.value)} style={{ width: 'auto', maxWidth: '100%' }} disabled={unlinked.length === 0}>
          <option value="">{unlinked.length ? 'Choose a party user…' : 'Every party user is linked'}</option>
          {unlinked.map((p) => (
            <option key={p.id} value={p.id}>
              {p.displayName !== p.username ? `${p.displayName} (${p.username})` : p.username}
            </option>
          ))}
        </select>
        <button type="submit" disabled={!choice || busy !== null}>
          {busy ?? 'Link the party'}
        </button>
      </form>
      {parties.error !== null && <ErrorBox error={parties.error} title="The party users could not be loaded." onRetry={() => void parties.refetch()} />}
      {error !== null && <ErrorBox error={error} title="The party was not linked." />}
    </section>
  );
}
