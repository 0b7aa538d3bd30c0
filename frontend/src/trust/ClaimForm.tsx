// "Is this your organisation?": a claim of the entry. The link goes to the entry's own e-mail
// address (never to the claimant), or an administrator checks the claim when there is none.
import { useState } from 'preact/hooks';
import { ApiError, postJson } from '../api/client';
import { errorsByField, Field, type FieldErrors } from '../forms/Field';
import { useI18n } from '../i18n';
import { PrivacyNote } from '../participate/PrivacyNote';

type Status = { status: 'editing'; errors: FieldErrors; problem: string } | { status: 'sending' } | { status: 'sent'; route: string };

export function ClaimForm({ enterpriseId }: { enterpriseId: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [message, setMessage] = useState('');
  const [state, setState] = useState<Status>({ status: 'editing', errors: {}, problem: '' });

  async function submit(event: Event) {
    event.preventDefault();
    setState({ status: 'sending' });
    try {
      const receipt = await postJson('/api/v1/enterprises/{key}/claims',
        { claimant_name: name.trim(), claimant_email: email.trim(), message: message.trim() || null, language: i18n.lang },
        { path: { key: String(enterpriseId) } });
      setState({ status: 'sent', route: receipt.route });
    } catch (error) {
      const api = error instanceof ApiError ? error : new ApiError(0, String(error));
      const problem = api.status === 429 && api.retryAfter ? t('form.tryAgainIn', { count: api.retryAfter })
        : api.errors.length ? '' : t('form.error');
      setState({ status: 'editing', errors: errorsByField(api.errors, i18n), problem });
    }
  }

  if (state.status === 'sent') {
    return <p class="state state--ok" role="status">{state.route === 'email' ? t('claim.sentEmail') : t('claim.sentReview')}</p>;
  }
  const errors = state.status === 'editing' ? state.errors : {};
  return (
    <form class="form" onSubmit={submit} noValidate>
      <p class="hint">{t('claim.intro')}</p>
      <Field id="claim-name" label={t('claim.name')} error={errors.claimant_name} required>
        {(a) => <input {...a} type="text" autoComplete="name" maxLength={200} value={name} onInput={(e) => setName(e.currentTarget.value)} />}
      </Field>
      <Field id="claim-email" label={t('claim.email')} error={errors.claimant_email} required hint={t('claim.emailHint')}>
        {(a) => <input {...a} type="email" autoComplete="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />}
      </Field>
      <Field id="claim-message" label={t('claim.message')} error={errors.message}>
        {(a) => <textarea {...a} rows={3} maxLength={2000} value={message} onInput={(e) => setMessage(e.currentTarget.value)} />}
      </Field>
      <PrivacyNote what="message" />
      {state.status === 'editing' && state.problem && <p class="field__error" role="alert">{state.problem}</p>}
      <button type="submit" class="button button--primary" disabled={state.status === 'sending'}>
        {state.status === 'sending' ? t('form.sending') : t('claim.submit')}
      </button>
    </form>
  );
}
