// Finds an organisation by name for a console action (edit it, add it as a member): up to ten matches of
// the directory's search, each a button that picks it. Staff also find organisations not published.
import { useEffect, useState } from 'preact/hooks';
import { getJson, type Enterprise } from '../api/client';
import type { components } from '../api/schema';
import { useI18n } from '../i18n';

type OrgStatus = components['schemas']['OrganisationStatus'];
const ALL_STATUSES: OrgStatus[] = ['published', 'pending', 'draft', 'suspended', 'archived'];

export function OrganisationSearch({ id, token, label, onPick }: {
  id: string; token: string; label: string; onPick: (organisation: Enterprise) => void;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<Enterprise[] | null>(null);
  useEffect(() => {
    if (q.trim().length < 2) {
      setFound(null);
      return undefined;
    }
    const controller = new AbortController();
    getJson('/api/v1/enterprises', { query: { q: q.trim(), limit: 10, status: ALL_STATUSES }, token, signal: controller.signal })
      .then((page) => setFound(page.items), () => { if (!controller.signal.aborted) setFound([]); });
    return () => controller.abort();
  }, [q, token]);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} type="search" value={q} autoComplete="off" onInput={(e) => setQ(e.currentTarget.value)} />
      <div role="status" aria-live="polite" class="muted">
        {found !== null && (found.length ? t('admin.org.found', { count: found.length }) : t('admin.org.none'))}
      </div>
      {found && found.length > 0 && (
        <ul class="member-list">
          {found.map((o) => (
            <li key={o.id}>
              <button type="button" class="link-button" onClick={() => { onPick(o); setQ(''); }}>{o.name}</button>
              <span class="muted"> · {o.locality ?? ''} {o.country} · #{o.id}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
