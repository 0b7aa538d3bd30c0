// Funding calls (staff): the calls with their state, a form to add one (grants, loans, ESF+ calls, private
// donors) with its eligibility and deadline, and publish / archive buttons (PATCH with If-Match).
import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson, getTagged, patchJson, postJson } from '../api/client';
import type { components } from '../api/schema';
import { useI18n, type MessageKey } from '../i18n';
import { FUNDING_KINDS } from '../member/FundingForYou';
import { LoadError } from './LoadError';

type Call = components['schemas']['FundingCallOut'];
type Create = components['schemas']['FundingCallCreate'];
const COUNTRIES = ['RO', 'MD', 'UA'] as const;
const STATUS: Record<Call['status'], MessageKey> = {
  draft: 'funding.status.draft', published: 'funding.status.published', archived: 'funding.status.archived',
};
const EMPTY = { title: '', funder: '', kind: 'grant' as Call['kind'], summary: '', url: '', deadline: '',
  countries: [] as string[], maxEmployees: '' };

function NewCall({ token, onAdded }: { token: string; onAdded: (c: Call) => void }) {
  const { t, code } = useI18n();
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof typeof EMPTY) => (e: { currentTarget: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.currentTarget.value }));

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setError(null);
    const body: Create = {
      title: form.title.trim(), funder: form.funder.trim(), kind: form.kind, summary: form.summary.trim(),
      countries: form.countries as Create['countries'], status: 'draft',
      ...(form.url.trim() ? { url: form.url.trim() } : {}), ...(form.deadline ? { deadline: form.deadline } : {}),
      ...(form.maxEmployees ? { max_employees: Number(form.maxEmployees) } : {}),
    };
    try {
      onAdded(await postJson('/api/v1/funding-calls', body, { token }));
      setForm(EMPTY);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 422 ? `${t('form.fixFields')} ${e.message}` : t('form.error'));
    }
  }

  return (
    <form class="admin-card" onSubmit={submit} aria-labelledby="funding-new-heading">
      <h3 id="funding-new-heading">{t('funding.new')}</h3>
      <p><label for="funding-title">{t('funding.titleLabel')}</label><br />
        <input id="funding-title" required value={form.title} onInput={set('title')} /></p>
      <p><label for="funding-funder">{t('funding.funder')}</label><br />
        <input id="funding-funder" required value={form.funder} onInput={set('funder')} /></p>
      <p><label for="funding-kind">{t('funding.kind')}</label><br />
        <select id="funding-kind" value={form.kind} onChange={set('kind')}>
          {(Object.keys(FUNDING_KINDS) as Call['kind'][]).map((k) => <option key={k} value={k}>{t(FUNDING_KINDS[k])}</option>)}
        </select></p>
      <p><label for="funding-summary">{t('funding.summary')}</label><br />
        <textarea id="funding-summary" required rows={3} value={form.summary} onInput={set('summary')} /></p>
      <p><label for="funding-url">{t('funding.url')}</label><br />
        <input id="funding-url" type="url" value={form.url} onInput={set('url')} /></p>
      <p><label for="funding-deadline">{t('tenders.deadlineLabel')}</label><br />
        <input id="funding-deadline" type="date" value={form.deadline} onInput={set('deadline')} /></p>
      <fieldset><legend>{t('funding.countries')}</legend>
        {COUNTRIES.map((c) => (
          <label key={c}><input type="checkbox" checked={form.countries.includes(c)} onChange={(e) => {
            const checked = e.currentTarget.checked;
            setForm((f) => ({ ...f, countries: checked ? [...f.countries, c] : f.countries.filter((x) => x !== c) }));
          }} /> {code('country', c)} </label>
        ))}
      </fieldset>
      <p><label for="funding-max-employees">{t('funding.maxEmployees')}</label><br />
        <input id="funding-max-employees" type="number" min={0} value={form.maxEmployees} onInput={set('maxEmployees')} /></p>
      <p><button type="submit" class="button button--primary">{t('funding.add')}</button></p>
      {error && <p class="state state--error" role="alert">{error}</p>}
    </form>
  );
}

export function FundingTab({ token }: { token: string }) {
  const { t, f } = useI18n();
  const [calls, setCalls] = useState<Call[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    getJson('/api/v1/funding-calls', { query: { limit: 200 }, token }).then((page) => setCalls(page.items), setError);
  }, [token, attempt]);

  async function setStatus(c: Call, status: 'published' | 'archived') {
    setMessage(null);
    try {
      const where = { path: { call_id: c.id }, token };
      const current = await getTagged('/api/v1/funding-calls/{call_id}', where);
      const { data } = await patchJson('/api/v1/funding-calls/{call_id}', { status }, { ...where, ifMatch: current.etag });
      setCalls((list) => (list ?? []).map((x) => (x.id === data.id ? data : x)));
      setMessage(t('funding.saved'));
    } catch {
      setMessage(t('form.error'));
    }
  }

  if (error) return <LoadError error={error} retry={() => { setError(null); setAttempt((n) => n + 1); }} />;
  return (
    <section aria-labelledby="funding-heading">
      <h2 id="funding-heading">{t('funding.heading')}</h2>
      <div role="status" aria-live="polite">{message && <p>{message}</p>}</div>
      {calls === null ? <p>{t('results.loading')}</p> : calls.length === 0 ? <p class="muted">{t('funding.none')}</p> : (
        <ul class="member-list">
          {calls.map((c) => (
            <li key={c.id}>
              <strong>{c.title}</strong> <span class="muted">{c.funder} · {t(FUNDING_KINDS[c.kind])}
                {c.deadline ? ` · ${f.date(c.deadline)}` : ''}</span>{' '}
              <span class="badge">{t(STATUS[c.status])}</span>{' '}
              {c.status !== 'published' && <button type="button" class="button" onClick={() => void setStatus(c, 'published')}>{t('funding.publish')}</button>}
              {c.status === 'published' && <button type="button" class="button button--secondary" onClick={() => void setStatus(c, 'archived')}>{t('funding.archive')}</button>}
            </li>
          ))}
        </ul>
      )}
      <NewCall token={token} onAdded={(c) => setCalls((list) => [c, ...(list ?? [])])} />
    </section>
  );
}
