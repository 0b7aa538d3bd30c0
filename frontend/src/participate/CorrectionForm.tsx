// "Suggest a correction" on every profile: the public proposes new values for a few fields
// (POST /api/v1/submissions, kind `correction`); only what differs from the entry is sent, a moderator
// decides, and the submitter hears the outcome by e-mail.
import { useState } from 'preact/hooks';
import { postJson, type BodyOf, type EnterpriseDetail } from '../api/client';
import { Field, type FieldErrors } from '../forms/Field';
import { useI18n, type MessageKey } from '../i18n';
import { problemOf, submissionErrors } from './errors';
import { PrivacyNote } from './PrivacyNote';

type Body = BodyOf<'/api/v1/submissions'>;
type Changes = NonNullable<Body['changes']>;
/** The fields the public may correct here, with their labels. */
const FIELDS = [
  ['name', 'participate.field.name'], ['locality', 'member.field.locality'], ['address', 'member.field.address'],
  ['website', 'member.field.website'], ['phone', 'member.field.phone'], ['employees_total', 'member.field.employeesTotal'],
] as const;
type Corrected = (typeof FIELDS)[number][0];

const shown = (value: unknown) => (value === null || value === undefined ? '' : String(value));

/** What changed, as a patch: a cleared optional field is null; a number field that is not a number is sent as typed (the 422 names it). */
export function correctionChanges(enterprise: EnterpriseDetail, values: Record<Corrected, string>): Changes {
  const changes: Record<string, unknown> = {};
  for (const [name] of FIELDS) {
    const typed = values[name].trim();
    if (typed === shown(enterprise[name])) continue;
    if (name === 'employees_total') changes[name] = typed !== '' && Number.isFinite(Number(typed)) ? Number(typed) : typed;
    else changes[name] = typed === '' ? null : typed;
  }
  return changes as Changes;
}

export function CorrectionForm({ enterprise }: { enterprise: EnterpriseDetail }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const initial = Object.fromEntries(FIELDS.map(([name]) => [name, shown(enterprise[name])])) as Record<Corrected, string>;
  const [values, setValues] = useState(initial);
  const [you, setYou] = useState({ name: '', email: '', message: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState('');
  const [status, setStatus] = useState<'editing' | 'sending' | 'sent'>('editing');

  async function submit(event: Event) {
    event.preventDefault();
    const changes = correctionChanges(enterprise, values);
    if (!Object.keys(changes).length) {
      setErrors({});
      setProblem(t('participate.correct.nothing'));
      return;
    }
    setStatus('sending');
    try {
      await postJson('/api/v1/submissions', {
        kind: 'correction', organisation: enterprise.slug, changes, submitter_name: you.name.trim(),
        submitter_email: you.email.trim(), language: lang, ...(you.message.trim() ? { message: you.message.trim() } : {}),
      });
      setStatus('sent');
    } catch (error) {
      const { api, problem: line } = problemOf(error, i18n);
      setErrors(submissionErrors(api.errors, i18n));
      setProblem(line);
      setStatus('editing');
    }
  }

  if (status === 'sent') {
    return (
      <div class="state state--ok" role="status">
        <p>{t('participate.correct.sent')}</p>
        <p>{t('participate.outcomeByMail')}</p>
      </div>
    );
  }
  return (
    <form class="form" onSubmit={submit} noValidate aria-labelledby="correct-heading">
      <p class="hint">{t('participate.correct.intro')}</p>
      {FIELDS.map(([name, label]) => (
        <Field key={name} id={`correct-${name}`} label={t(label as MessageKey)} error={errors[name]}>
          {(a) => <input {...a} type={name === 'employees_total' ? 'number' : name === 'website' ? 'url' : 'text'}
            value={values[name]} onInput={(e) => { const v = e.currentTarget.value; setValues((s) => ({ ...s, [name]: v })); }} />}
        </Field>
      ))}
      <Field id="correct-message" label={t('participate.correct.what')} error={errors.message}>
        {(a) => <textarea {...a} rows={3} maxLength={2000} value={you.message}
          onInput={(e) => { const v = e.currentTarget.value; setYou((s) => ({ ...s, message: v })); }} />}
      </Field>
      <Field id="correct-submitter-name" label={t('contact.name')} error={errors.submitter_name} required>
        {(a) => <input {...a} type="text" autoComplete="name" maxLength={200} value={you.name}
          onInput={(e) => { const v = e.currentTarget.value; setYou((s) => ({ ...s, name: v })); }} />}
      </Field>
      <Field id="correct-submitter-email" label={t('contact.email')} error={errors.submitter_email} required>
        {(a) => <input {...a} type="email" autoComplete="email" maxLength={320} value={you.email}
          onInput={(e) => { const v = e.currentTarget.value; setYou((s) => ({ ...s, email: v })); }} />}
      </Field>
      <PrivacyNote what="submission" />
      {problem && <p class="field__error" role="alert">{problem}</p>}
      <button type="submit" class="button button--primary" disabled={status === 'sending'}>
        {status === 'sending' ? t('form.sending') : t('participate.correct.submit')}
      </button>
    </form>
  );
}
