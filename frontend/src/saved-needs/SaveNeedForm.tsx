// "Tell me when a new enterprise fits": a buyer saves the need of a match with an e-mail address. A
// confirmation link is e-mailed (double opt-in); after that the worker matches the need again every day and
// writes only about enterprises the buyer has not been shown.
import { useState } from 'preact/hooks';
import { ApiError, postJson, type BodyOf } from '../api/client';
import { useI18n } from '../i18n';
import { PrivacyNote } from '../participate/PrivacyNote';

type Need = BodyOf<'/api/v1/saved-needs'>['need'];

export function SaveNeedForm({ need }: { need: Record<string, unknown> }) {
  const { t, lang } = useI18n();
  const [email, setEmail] = useState('');
  const [label, setLabel] = useState('');
  const [state, setState] = useState<'idle' | 'sent' | 'invalid' | 'error'>('idle');

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    try {
      await postJson('/api/v1/saved-needs', { email: email.trim(), label: label.trim(), language: lang, need: need as Need });
      setState('sent');
    } catch (e) {
      setState(e instanceof ApiError && e.status === 422 ? 'invalid' : 'error');
    }
  }

  return (
    <section aria-labelledby="save-need-heading" class="admin-card save-need">
      <h2 id="save-need-heading">{t('need.heading')}</h2>
      {state === 'sent' ? <p role="status" class="state state--ok">{t('need.sent')}</p> : (
        <form onSubmit={submit}>
          <p class="hint">{t('need.intro')}</p>
          <p><label for="save-need-label">{t('need.label')}</label><br />
            <input id="save-need-label" required minLength={2} maxLength={120} value={label} onInput={(e) => setLabel(e.currentTarget.value)} /></p>
          <p><label for="save-need-email">{t('need.email')}</label><br />
            <input id="save-need-email" type="email" required autocomplete="email" value={email} onInput={(e) => setEmail(e.currentTarget.value)} /></p>
          <PrivacyNote what="savedNeed" />
          <p><button type="submit" class="button button--primary">{t('need.save')}</button></p>
          <div role="status" aria-live="polite">
            {state === 'invalid' && <p class="state state--error">{t('need.invalid')}</p>}
            {state === 'error' && <p class="state state--error">{t('form.error')}</p>}
          </div>
        </form>
      )}
    </section>
  );
}
