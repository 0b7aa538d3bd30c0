// A question to the cluster's coordinator from someone who is not a member (a policy maker, an authority,
// a researcher…): POST /api/v1/clusters/{slug}/inquiries, stored and e-mailed to the coordinator.
import { useState } from 'preact/hooks';
import { ApiError, postJson, type JsonOf } from '../api/client';
import { errorsByField, Field, type FieldErrors } from '../forms/Field';
import { useI18n, type MessageKey } from '../i18n';
import { lengthOf, tooLong } from '../forms/limit';
import { PrivacyNote } from '../participate/PrivacyNote';

type Service = JsonOf<'/api/v1/clusters/{slug}'>['support_services'][number];
const ROLES = ['policy_maker', 'public_authority', 'enterprise', 'researcher', 'journalist', 'other'] as const;
const MESSAGE_MAX = 5000;

export function ClusterInquiryForm({ slug, services, service, onService }: {
  slug: string; services: Service[]; service: string; onService: (code: string) => void;
}) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const [values, setValues] = useState({ name: '', organisation: '', email: '', role: 'policy_maker', message: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState('');
  const [state, setState] = useState<'editing' | 'sending' | 'sent'>('editing');
  const set = (key: keyof typeof values) => (e: { currentTarget: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.currentTarget.value }));

  async function submit(event: Event) {
    event.preventDefault();
    const long = tooLong(i18n, values.message, MESSAGE_MAX);
    if (long) {
      setErrors({ message: long });
      setProblem(t('form.fixFields'));
      return;
    }
    setState('sending');
    try {
      await postJson('/api/v1/clusters/{slug}/inquiries', {
        name: values.name.trim(), email: values.email.trim(), message: values.message.trim(),
        asker_role: values.role as (typeof ROLES)[number],
        ...(values.organisation.trim() ? { organisation: values.organisation.trim() } : {}),
        ...(service ? { service } : {}),
      }, { path: { slug } });
      setState('sent');
    } catch (error) {
      const api = error instanceof ApiError ? error : new ApiError(0, String(error));
      setErrors(errorsByField(api.errors, i18n));
      setProblem(api.status === 429 ? t('form.tryAgainIn', { count: api.retryAfter ?? 60 })
        : api.errors.length ? t('form.fixFields') : t('form.error'));
      setState('editing');
    }
  }

  if (state === 'sent') return <div class="state state--ok" role="status"><p>{t('cluster.inquiry.sent')}</p></div>;
  const name = (s: Service) => s.names[lang] ?? s.names.en ?? s.code;
  return (
    <form class="form" onSubmit={submit} noValidate aria-labelledby="cluster-inquiry-heading">
      <p class="hint">{t('cluster.inquiry.intro')}</p>
      <Field id="cluster-inquiry-name" label={t('contact.name')} error={errors.name} required>
        {(a) => <input {...a} type="text" autoComplete="name" maxLength={200} value={values.name} onInput={set('name')} />}
      </Field>
      <Field id="cluster-inquiry-organisation" label={t('contact.organisation')} error={errors.organisation}>
        {(a) => <input {...a} type="text" autoComplete="organization" maxLength={200} value={values.organisation} onInput={set('organisation')} />}
      </Field>
      <Field id="cluster-inquiry-email" label={t('contact.email')} error={errors.email} required>
        {(a) => <input {...a} type="email" autoComplete="email" maxLength={320} value={values.email} onInput={set('email')} />}
      </Field>
      <Field id="cluster-inquiry-role" label={t('cluster.inquiry.role')} error={errors.asker_role} required>
        {(a) => <select {...a} value={values.role} onChange={set('role')}>
          {ROLES.map((r) => <option key={r} value={r}>{t(`cluster.role.${r}` as MessageKey)}</option>)}
        </select>}
      </Field>
      <Field id="cluster-inquiry-service" label={t('cluster.inquiry.service')} error={errors.service}>
        {(a) => <select {...a} value={service} onChange={(e) => onService(e.currentTarget.value)}>
          <option value="">{t('cluster.inquiry.general')}</option>
          {services.map((s) => <option key={s.code} value={s.code}>{name(s)}</option>)}
        </select>}
      </Field>
      <Field id="cluster-inquiry-message" label={t('contact.message')} error={tooLong(i18n, values.message, MESSAGE_MAX) ?? errors.message}
        required hint={t('cluster.inquiry.messageHint', { count: lengthOf(values.message), max: MESSAGE_MAX })}>
        {(a) => <textarea {...a} rows={5} value={values.message} onInput={set('message')} />}
      </Field>
      <PrivacyNote what="clusterInquiry" />
      {problem && <p class="field__error" role="alert">{problem}</p>}
      <button type="submit" class="button" disabled={state === 'sending'}>{state === 'sending' ? t('form.sending') : t('cluster.inquiry.submit')}</button>
    </form>
  );
}
