import { useState } from 'preact/hooks';
import { navigate } from '../app/store';
import { useI18n } from '../i18n';
import { signInWithToken } from '../member/session';

/** The member token, shown once, with a copy button and what to do with it. */
export function MemberToken({ token }: { token: string }) {
  const { t } = useI18n();
  const [message, setMessage] = useState('');
  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      setMessage(t('token.copied'));
    } catch {
      setMessage(t('token.copyFailed'));
    }
  }
  async function openArea() {
    if (await signInWithToken(token) === 'ok') navigate((s) => ({ ...s, route: { name: 'member' } }));
    else setMessage(t('results.error'));
  }
  return (
    <section class="member-token" aria-labelledby="token-heading">
      <h2 id="token-heading">{t('token.heading')}</h2>
      <p><strong>{t('token.once')}</strong></p>
      <div class="member-token__row">
        <label class="sr-only" for="member-token">{t('token.heading')}</label>
        <input id="member-token" class="member-token__value" readOnly value={token}
          onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="button button--primary" onClick={copy}>{t('token.copy')}</button>
      </div>
      <p role="status" aria-live="polite">{message}</p>
      <ul>
        <li>{t('token.keep')}</li>
        <li>{t('token.use')} <code>Authorization: Bearer …</code></li>
        <li>{t('token.lost')}</li>
      </ul>
      <p><button type="button" class="button" onClick={() => void openArea()}>{t('token.openArea')}</button></p>
    </section>
  );
}
