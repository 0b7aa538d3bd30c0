// Edit or unpublish an enterprise (staff): find it by name, change whether the public sees it (published,
// suspended: hidden from the map and the lists but kept; archived) and edit its whole profile with the
// members' own editor, which staff save directly (the write policy holds nothing of theirs).
import { useEffect, useState } from 'preact/hooks';
import { ApiError, getTagged, patchJson, type Enterprise, type Tagged } from '../api/client';
import type { components } from '../api/schema';
import { Link } from '../app/Link';
import { useAppState } from '../app/store';
import { useI18n } from '../i18n';
import { ProfileEditor } from '../member/ProfileEditor';
import { LoadError } from './LoadError';
import { OrganisationSearch } from './OrganisationSearch';

type Detail = components['schemas']['EnterpriseDetail'];
type OrgStatus = components['schemas']['OrganisationStatus'];
const STATUSES: OrgStatus[] = ['published', 'suspended', 'archived', 'draft'];

function Visibility({ enterprise, token, onChanged }: { enterprise: Tagged<Detail>; token: string; onChanged: (message: string) => void }) {
  const { t } = useI18n();
  const current = enterprise.data.status as OrgStatus;
  const [status, setStatus] = useState<OrgStatus>(current);
  const [message, setMessage] = useState<string | null>(null);
  // A saved change reads the enterprise again (a new ETag), which draws this form anew: the tab keeps the message.
  async function save(event: Event) {
    event.preventDefault();
    setMessage(null);
    try {
      await patchJson('/api/v1/enterprises/{key}', { status }, { path: { key: String(enterprise.data.id) }, token, ifMatch: enterprise.etag });
      onChanged(t('admin.ent.statusSaved', { name: enterprise.data.name, status: t(`admin.state.${status}`) }));
    } catch (e) {
      setMessage(e instanceof ApiError && e.status === 412 ? t('member.conflict') : e instanceof ApiError && e.errors.length
        ? e.errors.map((x) => x.detail).join(' ') : t('form.error'));
    }
  }
  return (
    <form class="console-inline-form" onSubmit={save}>
      <label for="enterprise-status">{t('admin.ent.visibility')}</label>
      <select id="enterprise-status" value={status} onChange={(e) => setStatus(e.currentTarget.value as OrgStatus)}>
        {(STATUSES.includes(current) ? STATUSES : [current, ...STATUSES]).map((s) => <option key={s} value={s}>{t(`admin.state.${s}`)}</option>)}
      </select>
      <button type="submit" class="button">{t('admin.ent.saveStatus')}</button>
      {message && <p class="field__error" role="alert" style="width: 100%">{message}</p>}
    </form>
  );
}

export function EnterprisesTab({ token }: { token: string }) {
  const { t } = useI18n();
  const state = useAppState();
  const [picked, setPicked] = useState<Enterprise | null>(null);
  const [enterprise, setEnterprise] = useState<Tagged<Detail> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    if (!picked) return;
    setError(null);
    getTagged('/api/v1/enterprises/{key}', { path: { key: String(picked.id) }, token }).then(setEnterprise, setError);
  }, [picked, token, attempt]);

  return (
    <section aria-labelledby="enterprises-heading">
      <h2 id="enterprises-heading">{t('admin.tab.enterprises')}</h2>
      <p class="hint">{t('admin.ent.intro')}</p>
      <OrganisationSearch id="enterprise-search" token={token} label={t('admin.members.find')}
        onPick={(o) => { setEnterprise(null); setSaved(null); setPicked(o); }} />
      <div role="status" aria-live="polite">{saved && <p class="state state--ok">{saved}</p>}</div>
      {error ? <LoadError error={error} retry={() => setAttempt((n) => n + 1)} />
        : picked && !enterprise ? <p role="status">{t('results.loading')}</p>
        : enterprise && (
          <div key={`${enterprise.data.id}|${enterprise.etag}`}>
            <h3>{enterprise.data.name}</h3>
            <p><Link state={state} to={(s) => ({ ...s, route: { name: 'enterprise', slug: enterprise.data.slug } })}>{t('admin.ent.open')}</Link></p>
            <Visibility enterprise={enterprise} token={token} onChanged={(text) => { setSaved(text); setAttempt((n) => n + 1); }} />
            <ProfileEditor session={{ token, organisation: String(enterprise.data.id) }} initial={enterprise.data} initialEtag={enterprise.etag} />
          </div>
        )}
    </section>
  );
}
