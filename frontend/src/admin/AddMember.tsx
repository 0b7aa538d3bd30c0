// Adds an organisation of the directory to the cluster (POST /api/v1/members): find it by name, choose its
// role and the day it joined. A new organisation is added to the directory first (moderation or import).
import { useState } from 'preact/hooks';
import { ApiError, postJson, type Enterprise } from '../api/client';
import type { components } from '../api/schema';
import { MAIN_CLUSTER } from '../cluster/ask';
import { useI18n } from '../i18n';
import { OrganisationSearch } from './OrganisationSearch';
import { ROLES } from './member-words';

type Role = components['schemas']['MembershipRole'];

export function AddMember({ token, onAdded }: { token: string; onAdded: (name: string) => void }) {
  const { t } = useI18n();
  const [organisation, setOrganisation] = useState<Enterprise | null>(null);
  const [role, setRole] = useState<Role>('member');
  const [joined, setJoined] = useState(() => new Date().toISOString().slice(0, 10));
  const [error, setError] = useState<string | null>(null);

  async function add(event: Event) {
    event.preventDefault();
    if (!organisation) {
      setError(t('admin.members.pickFirst'));
      return;
    }
    setError(null);
    try {
      await postJson('/api/v1/members', { cluster: MAIN_CLUSTER, organisation: organisation.id, role, status: 'active', joined_on: joined }, { token });
      onAdded(organisation.name);
      setOrganisation(null);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 ? t('admin.members.already', { name: organisation.name })
        : e instanceof ApiError && e.errors.length ? e.errors.map((x) => x.detail).join(' ') : t('form.error'));
    }
  }

  return (
    <details class="console-card">
      <summary>{t('admin.members.add')}</summary>
      <form class="console-form" onSubmit={add}>
        <OrganisationSearch id="add-member-search" token={token} label={t('admin.members.find')} onPick={setOrganisation} />
        <p>{t('admin.members.chosen')}: <strong>{organisation ? `${organisation.name} (#${organisation.id})` : '—'}</strong></p>
        <div class="field">
          <label for="add-member-role">{t('admin.members.role')}</label>
          <select id="add-member-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
            {(Object.keys(ROLES) as Role[]).map((r) => <option key={r} value={r}>{t(ROLES[r])}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="add-member-joined">{t('admin.members.joined')}</label>
          <input id="add-member-joined" type="date" required value={joined} onInput={(e) => setJoined(e.currentTarget.value)} />
        </div>
        <p><button type="submit" class="button button--primary">{t('admin.members.addSubmit')}</button></p>
      </form>
      {error && <p class="field__error" role="alert">{error}</p>}
    </details>
  );
}
