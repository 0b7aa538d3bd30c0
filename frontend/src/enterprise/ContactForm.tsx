// The buyer's message to one enterprise or several (POST /api/v1/inquiries, one each). An enterprise's
// e-mail address is never shown: the API forwards the message, and the enterprise answers the buyer directly.
import { useState } from 'preact/hooks';
import { ApiError, postJson, type BodyOf } from '../api/client';
import { errorsByField, Field, type FieldErrors } from '../forms/Field';
import { useI18n } from '../i18n';
import { countHint, tooLong } from '../forms/limit';
import { PrivacyNote } from '../participate/PrivacyNote';

/** The API's limit of an inquiry's message (InquiryCreate.message). */
const MESSAGE_MAX = 5000;

export interface Recipient {
  id: number;
  name: string;
}

type Status =
  | { status: 'editing'; errors: FieldErrors; problem: string }
  | { status: 'sending' }
  | { status: 'sent' };

/**
 * One message to one enterprise, or the same message to each enterprise a buyer chose from a match
 * (one inquiry each, sent in turn). A failure stops the round: those already sent are said so and not
 * sent again, and the form keeps the text for the rest.
 */
export function ContactForm({ recipients, matchId = null, idPrefix = 'contact' }: {
  recipients: Recipient[]; matchId?: string | null; idPrefix?: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [values, setValues] = useState({ name: '', organisation: '', email: '', message: '', quantity: '', date: '' });
  const [state, setState] = useState<Status>({ status: 'editing', errors: {}, problem: '' });
  const [sent, setSent] = useState<Recipient[]>([]);
  const set = (key: keyof typeof values) => (e: { currentTarget: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.currentTarget.value }));

  function bodyFor(enterpriseId: number): BodyOf<'/api/v1/inquiries'> {
    return {
      enterprise_id: enterpriseId, buyer_name: values.name.trim(), buyer_email: values.email.trim(), message: values.message.trim(),
      // The page's language: the enterprise's e-mail uses it when the enterprise has none of ours.
      language: i18n.lang,
      ...(matchId ? { match_id: matchId } : {}),
      ...(values.organisation.trim() ? { buyer_organisation: values.organisation.trim() } : {}),
      ...(values.quantity ? { quantity: Number(values.quantity) } : {}),
      ...(values.date ? { wanted_date: values.date } : {}),
    };
  }

  async function submit(event: Event) {
    event.preventDefault();
    const long = tooLong(i18n, values.message, MESSAGE_MAX);
    if (long) {
      setState({ status: 'editing', errors: { message: long }, problem: t('form.fixFields') });
      return;
    }
    setState({ status: 'sending' });
    const done = [...sent];
    try {
      for (const recipient of recipients.filter((r) => !done.some((d) => d.id === r.id))) {
        await postJson('/api/v1/inquiries', bodyFor(recipient.id));
        done.push(recipient);
        setSent([...done]);
      }
      setState({ status: 'sent' });
    } catch (error) {
      const api = error instanceof ApiError ? error : new ApiError(0, String(error));
      const problem = api.status === 429 ? t('form.tryAgainIn', { count: api.retryAfter ?? 60 })
        : api.errors.length ? t('form.fixFields') : t('form.error');
      setState({ status: 'editing', errors: errorsByField(api.errors, i18n), problem });
    }
  }

  const sentList = sent.length > 0 && (
    <div class="state state--ok" role="status">
      {sent.length === 1 ? <p>{t('contact.sent', { name: sent[0]!.name })}</p>
        : <ul>{sent.map((r) => <li key={r.id}>{t('contact.sent', { name: r.name })}</li>)}</ul>}
    </div>
  );
  if (state.status === 'sent') return sentList || null;
  const label = recipients.length === 1 ? t('contact.formLabel', { name: recipients[0]!.name })
    : t('contact.formLabelMany', { count: recipients.length });
  const errors = state.status === 'editing' ? state.errors : {};
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <form class="form" onSubmit={submit} noValidate aria-label={label}>
      <p class="hint">{t('contact.intro')}</p>
      {recipients.length > 1 && <p>{t('contact.recipients', { names: recipients.map((r) => r.name).join(', ') })}</p>}
      {sentList}
      <Field id={id('name')} label={t('contact.name')} error={errors.buyer_name} required>
        {(a) => <input {...a} type="text" autoComplete="name" maxLength={200} value={values.name} onInput={set('name')} />}
      </Field>
      <Field id={id('organisation')} label={t('contact.organisation')} error={errors.buyer_organisation}>
        {(a) => <input {...a} type="text" autoComplete="organization" maxLength={200} value={values.organisation} onInput={set('organisation')} />}
      </Field>
      <Field id={id('email')} label={t('contact.email')} error={errors.buyer_email} required>
        {(a) => <input {...a} type="email" autoComplete="email" value={values.email} onInput={set('email')} />}
      </Field>
      <Field id={id('message')} label={t('contact.message')} error={tooLong(i18n, values.message, MESSAGE_MAX) ?? errors.message} required
        hint={`${t('contact.messageHint')} ${countHint(i18n, values.message, MESSAGE_MAX)}`}>
        {(a) => <textarea {...a} rows={5} value={values.message} onInput={set('message')} />}
      </Field>
      <div class="field--pair field">
        <Field id={id('quantity')} label={t('contact.quantity')} error={errors.quantity}>
          {(a) => <input {...a} type="number" min={1} step={1} inputMode="numeric" value={values.quantity} onInput={set('quantity')} />}
        </Field>
        <Field id={id('date')} label={t('contact.wantedDate')} error={errors.wanted_date}>
          {(a) => <input {...a} type="date" value={values.date} onInput={set('date')} />}
        </Field>
      </div>
      <PrivacyNote what="message" />
      {state.status === 'editing' && state.problem && <p class="field__error" role="alert">{state.problem}</p>}
      <button type="submit" class="button button--primary" disabled={state.status === 'sending'}>
        {state.status === 'sending' ? t('form.sending') : t('contact.submit')}
      </button>
    </form>
  );
}
