// The organisation's service requests: the list, a form to file one, and one request's timeline with
// comments and the transitions the API allows now (cancel, reopen…), sent with If-Match.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson, postJson } from '../api/client';
import type { components } from '../api/schema';
import { errorsByField, Field, type FieldErrors } from '../forms/Field';
import { fieldMessage } from '../forms/field-errors';
import { useI18n } from '../i18n';
import { MemberError } from './MemberError';
import type { MemberSession } from './session';
import { serviceName, useServices } from '../console/services';
import { requestEtag, STATUS_LABELS } from '../console/request-states';
import { ASK_EVENT, takeAskedFundingCall, takeAskedService } from '../cluster/ask';
import { countHint, tooLong } from '../forms/limit';

/** The API's limit of a request's description (LongText). */
const DESCRIPTION_MAX = 10_000;

type Request = components['schemas']['ServiceRequestOut'];
type Status = components['schemas']['RequestStatus'];
type Event = components['schemas']['EventOut'];

function Timeline({ request, session, onChanged }: { request: Request; session: MemberSession; onChanged: (r: Request) => void }) {
  const { t, f } = useI18n();
  const [events, setEvents] = useState<Event[] | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    getJson('/api/v1/service-requests/{request_id}/events', { path: { request_id: request.id }, token: session.token })
      .then(setEvents, () => setError(t('results.error')));
  }, [request.id, request.version, attempt]);

  async function transition(to: Status) {
    setError(null);
    try {
      onChanged(await postJson('/api/v1/service-requests/{request_id}/transitions', { to },
        { path: { request_id: request.id }, token: session.token, ifMatch: await requestEtag(request, session.token) }));
    } catch (e) {
      setError(e instanceof ApiError && e.status === 412 ? t('member.conflict') : t('form.error'));
      if (e instanceof ApiError && e.status === 412) {
        onChanged(await getJson('/api/v1/service-requests/{request_id}', { path: { request_id: request.id }, token: session.token }));
      }
    }
  }

  async function addComment(event: SubmitEvent) {
    event.preventDefault();
    if (!comment.trim()) return;
    setError(null);
    try {
      await postJson('/api/v1/service-requests/{request_id}/comments', { body: comment.trim(), internal: false },
        { path: { request_id: request.id }, token: session.token });
      setComment('');
      setAttempt((n) => n + 1);
    } catch {
      setError(t('form.error'));
    }
  }

  return (
    <div class="member-timeline">
      <h4>{t('sr.timeline')}</h4>
      {events === null ? <p class="muted">{t('results.loading')}</p> : (
        <ol class="timeline">
          {events.map((e) => (
            <li key={e.id}>
              <time dateTime={e.occurred_at}>{f.date(e.occurred_at)}</time>{' — '}
              {e.kind === 'transition' && typeof e.data.to === 'string' && e.data.to in STATUS_LABELS
                ? t('sr.event.transition', { status: t(STATUS_LABELS[e.data.to as Status]) })
                : e.kind === 'comment' ? t('sr.event.comment') : e.kind === 'created' ? t('sr.event.created') : t('sr.event.other')}
              {e.body && <blockquote>{e.body}</blockquote>}
            </li>
          ))}
        </ol>
      )}
      {request.allowed_transitions.length > 0 && (
        <div class="console-card__actions">
          {request.allowed_transitions.map((to) => (
            <button key={to} type="button" class="button" onClick={() => void transition(to)}>
              {t('sr.moveTo', { status: t(STATUS_LABELS[to]) })}
            </button>
          ))}
        </div>
      )}
      <form class="console-inline-form" onSubmit={addComment}>
        <label for={`comment-${request.id}`}>{t('sr.comment')}</label>
        <input id={`comment-${request.id}`} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
        <button type="submit" class="button">{t('sr.addComment')}</button>
      </form>
      {error && <p class="state state--error" role="alert">{error}</p>}
    </div>
  );
}

function NewRequest({ session, onFiled }: { session: MemberSession; onFiled: (r: Request) => void }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const services = useServices(session.token);
  const [form, setForm] = useState(() => ({ service: takeAskedService(), title: '', description: '', name: '', email: '' }));
  const [fundingCall, setFundingCall] = useState<number | null>(() => takeAskedFundingCall());
  useEffect(() => {
    const asked = () => {
      const service = takeAskedService();
      setForm((current) => ({ ...current, service }));
      setFundingCall(takeAskedFundingCall());
    };
    window.addEventListener(ASK_EVENT, asked);
    return () => window.removeEventListener(ASK_EVENT, asked);
  }, []);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const set = (key: keyof typeof form) => (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement }) =>
    setForm((current) => ({ ...current, [key]: e.currentTarget.value }));

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    setErrors({});
    setError(null);
    if (tooLong(i18n, form.description, DESCRIPTION_MAX)) {
      setError(t('form.fixFields'));
      return;
    }
    try {
      const data = await postJson('/api/v1/service-requests', {
        service: form.service, title: form.title.trim(), description: form.description.trim(),
        contact: { name: form.name.trim(), email: form.email.trim() },
        ...(fundingCall && form.service === 'funding_access' ? { funding_call_id: fundingCall } : {}),
      }, { token: session.token });
      setForm({ service: '', title: '', description: '', name: '', email: '' });
      setFundingCall(null);
      onFiled(data);
    } catch (e) {
      if (e instanceof ApiError && e.status === 422 && e.errors.length) {
        const byField = errorsByField(e.errors, i18n);
        const contact = e.errors.filter((x) => x.pointer.startsWith('/contact/'));
        for (const c of contact) byField[c.pointer.slice('/contact/'.length)] = fieldMessage(c, i18n);
        setErrors(byField);
        setError(t('form.fixFields'));
      } else setError(t('form.error'));
    }
  }

  return (
    <form class="console-card" onSubmit={submit} noValidate aria-labelledby="sr-new-heading">
      <h3 id="sr-new-heading">{t('sr.new')}</h3>
      <Field id="sr-service" label={t('sr.service')} error={errors.service} required>
        {(attrs) => (
          <select {...attrs} value={form.service} onChange={set('service')}>
            <option value="">{t('sr.chooseService')}</option>
            {services.map((s) => <option key={s.code} value={s.code}>{serviceName(s, lang, s.code)}</option>)}
          </select>
        )}
      </Field>
      {fundingCall && form.service === 'funding_access' && <p class="hint">{t('funding.requestAbout', { id: fundingCall })}</p>}
      <Field id="sr-title" label={t('sr.title')} error={errors.title} required>
        {(attrs) => <input {...attrs} value={form.title} onInput={set('title')} />}
      </Field>
      <Field id="sr-description" label={t('sr.description')} error={tooLong(i18n, form.description, DESCRIPTION_MAX) ?? errors.description} required
        hint={countHint(i18n, form.description, DESCRIPTION_MAX)}>
        {(attrs) => <textarea {...attrs} rows={3} value={form.description} onInput={set('description')} />}
      </Field>
      <Field id="sr-name" label={t('sr.contactName')} error={errors.name} required>
        {(attrs) => <input {...attrs} value={form.name} onInput={set('name')} />}
      </Field>
      <Field id="sr-email" label={t('sr.contactEmail')} error={errors.email} required>
        {(attrs) => <input {...attrs} type="email" value={form.email} onInput={set('email')} />}
      </Field>
      <p><button type="submit" class="button button--primary">{t('sr.file')}</button></p>
      {error && <p class="state state--error" role="alert">{error}</p>}
    </form>
  );
}

export function ServiceRequests({ session }: { session: MemberSession }) {
  const { t, f } = useI18n();
  const [requests, setRequests] = useState<Request[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [filed, setFiled] = useState(false);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    getJson('/api/v1/service-requests', { query: { limit: 50 }, token: session.token })
      .then((page) => setRequests(page.items), setError);
  }, [attempt]);
  const replace = (r: Request) => setRequests((list) => (list ?? []).map((x) => (x.id === r.id ? r : x)));
  return (
    <section aria-labelledby="sr-heading" class="console-card">
      <h2 id="sr-heading">{t('sr.heading')}</h2>
      <div role="status" aria-live="polite">{filed && <p class="state state--ok">{t('sr.filed')}</p>}</div>
      {error ? <MemberError error={error} retry={() => { setError(null); setAttempt((n) => n + 1); }} />
        : requests === null ? <p>{t('results.loading')}</p>
        : requests.length === 0 ? <p class="muted">{t('sr.none')}</p> : (
          <ul class="member-list">
            {requests.map((r) => (
              <li key={r.id}>
                <button type="button" class="link-button" aria-expanded={open === r.id} onClick={() => setOpen(open === r.id ? null : r.id)}>
                  {r.title}
                </button>{' '}
                <span class="badge">{t(STATUS_LABELS[r.status])}</span> <span class="muted">{f.date(r.created_at)}</span>
                {open === r.id && <Timeline request={r} session={session} onChanged={replace} />}
              </li>
            ))}
          </ul>
        )}
      <NewRequest session={session} onFiled={(r) => { setFiled(true); setRequests((list) => [r, ...(list ?? [])]); setOpen(r.id); }} />
    </section>
  );
}
