// The page a saved need's confirmation e-mail opens: /saved-needs/confirm?token=…
// Nothing is posted until the buyer presses Confirm, so a mail scanner that follows the link spends nothing.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, postJson } from '../api/client';
import type { components } from '../api/schema';
import { useI18n } from '../i18n';

type State = components['schemas']['SavedNeedState'];
type Outcome = { status: 'idle' | 'sending' | 'gone' | 'unknown' | 'error' } | { status: 'done'; saved: State };

export function ConfirmSavedNeed({ token }: { token: string }) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<Outcome>({ status: token ? 'idle' : 'unknown' });
  useEffect(() => {
    document.title = `${t('need.confirmTitle')} · ${t('app.title')}`;
  }, [t]);

  async function confirm() {
    setOutcome({ status: 'sending' });
    try {
      setOutcome({ status: 'done', saved: await postJson('/api/v1/saved-needs/confirm', { token }) });
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      setOutcome({ status: status === 410 ? 'gone' : status === 404 || status === 422 ? 'unknown' : 'error' });
    }
  }

  const busy = outcome.status === 'sending';
  return (
    <main id="main" class="page page--narrow">
      <h1>{t('need.confirmTitle')}</h1>
      {(outcome.status === 'idle' || busy) && <>
        <p>{t('need.confirmIntro')}</p>
        <button type="button" class="button button--primary" disabled={busy} onClick={confirm}>{t('need.confirmButton')}</button>
      </>}
      {busy && <p role="status">{t('form.sending')}</p>}
      {outcome.status === 'done' && (
        <p role="status" class="state state--ok">
          {t('need.confirmed', { label: outcome.saved.label ?? '', count: outcome.saved.known_enterprises })}
        </p>
      )}
      {outcome.status === 'gone' && <p class="state state--error" role="alert">{t('confirm.gone')}</p>}
      {outcome.status === 'unknown' && <p class="state state--error" role="alert">{t('confirm.unknown')}</p>}
      {outcome.status === 'error' && <p class="state state--error" role="alert">{t('form.error')}</p>}
    </main>
  );
}
