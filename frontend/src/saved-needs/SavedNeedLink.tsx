// The pages a saved need's e-mails open: /saved-needs/confirm?token=… (confirm the need) and
// /saved-needs/stop?token=… (stop its notices). Nothing is posted until the buyer presses the button, so a
// mail scanner that follows the link spends nothing.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, postJson } from '../api/client';
import type { components } from '../api/schema';
import { useI18n } from '../i18n';

type State = components['schemas']['SavedNeedState'];
type Outcome = { status: 'idle' | 'sending' | 'gone' | 'unknown' | 'error' } | { status: 'done'; saved: State };

const WORDS = {
  confirm: { title: 'need.confirmTitle', intro: 'need.confirmIntro', button: 'need.confirmButton' },
  stop: { title: 'need.stopTitle', intro: 'need.stopIntro', button: 'need.stopButton' },
} as const;

export function SavedNeedLink({ action, token }: { action: 'confirm' | 'stop'; token: string }) {
  const { t } = useI18n();
  const words = WORDS[action];
  const [outcome, setOutcome] = useState<Outcome>({ status: token ? 'idle' : 'unknown' });
  useEffect(() => {
    document.title = `${t(words.title)} · ${t('app.title')}`;
  }, [t, words]);

  async function send() {
    setOutcome({ status: 'sending' });
    try {
      const saved = action === 'confirm'
        ? await postJson('/api/v1/saved-needs/confirm', { token })
        : await postJson('/api/v1/saved-needs/stop', undefined, { query: { token } });
      setOutcome({ status: 'done', saved });
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      setOutcome({ status: status === 410 ? 'gone' : status === 404 || status === 422 ? 'unknown' : 'error' });
    }
  }

  const busy = outcome.status === 'sending';
  return (
    <main id="main" class="page page--narrow">
      <h1>{t(words.title)}</h1>
      {(outcome.status === 'idle' || busy) && <>
        <p>{t(words.intro)}</p>
        <button type="button" class="button button--primary" disabled={busy} onClick={send}>{t(words.button)}</button>
      </>}
      {busy && <p role="status">{t('form.sending')}</p>}
      {outcome.status === 'done' && (
        <p role="status" class="state state--ok">
          {action === 'confirm'
            ? t('need.confirmed', { label: outcome.saved.label ?? '', count: outcome.saved.known_enterprises })
            : t('need.stopped', { label: outcome.saved.label ?? '' })}
        </p>
      )}
      {outcome.status === 'gone' && <p class="state state--error" role="alert">{t('confirm.gone')}</p>}
      {outcome.status === 'unknown' && <p class="state state--error" role="alert">{t('confirm.unknown')}</p>}
      {outcome.status === 'error' && <p class="state state--error" role="alert">{t('form.error')}</p>}
    </main>
  );
}
