import { useState } from 'preact/hooks';
import { navigate } from '../app/store';
import { useCopy } from '../forms/useCopy';
import { useI18n } from '../i18n';
import { signInWithToken } from '../member/session';

/** The member token, shown once, with a copy button and what to do with it. */
export function MemberToken({ token }: { token: string }) {
  const { t } = useI18n();
  const [copied, copy] = useCopy('token.copied', 'token.copyFailed');
  const [areaFailed, setAreaFailed] = useState(false);
  async function openArea() {
    if (await signInWithToken(token)) navigate((s) => ({ ...s, route: { name: 'member' } }));
    else setAreaFailed(true);
  }
  return (
    <section class="member-token" aria-labelledby="token-heading">
      <h2 id="token-heading">{t('token.heading')}</h2>
      <p><strong>{t('token.once')}</strong></p>
      <div class="member-token__row">
        <label class="sr-only" for="member-token">{t('token.heading')}</label>
        <input id="member-token" class="member-token__value" readOnly value={token}
          onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="button button--primary" onClick={() => { setAreaFailed(false); void copy(token); }}>{t('token.copy')}</button>
      </div>
      <p role="status" aria-live="polite">{areaFailed ? t('results.error') : copied}</p>
      <ul>
        <li>{t('token.keep')}</li>
        <li>{t('token.use')} <code>Authorization: Bearer …</code></li>
        <li>{t('token.lost')}</li>
      </ul>
      <p><button type="button" class="button" onClick={() => void openArea()}>{t('token.openArea')}</button></p>
    </section>
  );
}
