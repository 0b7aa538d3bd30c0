// The pages the e-mails' one-time links open: /claims/confirm?token=… (a claim sent to the entry's
// address) and /freshness/confirm?token=… (the yearly "is this still right?" reminder).
// Nothing is posted until the reader presses a button, so a mail scanner opening the link spends nothing.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, postJson } from '../api/client';
import { Link, toEnterprise, toMap } from '../app/Link';
import { useAppState } from '../app/store';
import { useI18n } from '../i18n';
import { MemberToken } from './MemberToken';

type Outcome =
  | { status: 'idle' }
  | { status: 'sending' }
  | { status: 'done'; slug: string; token: string | null; kind: 'claimed' | 'confirmed' | 'update' }
  | { status: 'gone' }
  | { status: 'unknown' }
  | { status: 'claimed' }
  | { status: 'error' };

function outcomeOf(error: unknown): Outcome {
  if (error instanceof ApiError && error.status === 410) return { status: 'gone' };
  if (error instanceof ApiError && (error.status === 404 || error.status === 422)) return { status: 'unknown' };
  if (error instanceof ApiError && error.status === 409) return { status: 'claimed' };
  return { status: 'error' };
}

export function ConfirmPage({ kind, token }: { kind: 'claim' | 'freshness'; token: string }) {
  const state = useAppState();
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<Outcome>(token ? { status: 'idle' } : { status: 'unknown' });
  const title = kind === 'claim' ? t('confirm.claimTitle') : t('confirm.freshnessTitle');

  useEffect(() => {
    document.title = `${title} · ${t('app.title')}`;
  }, [title]);

  async function send(action: 'confirm' | 'update' | null) {
    setOutcome({ status: 'sending' });
    try {
      if (kind === 'claim') {
        const access = await postJson('/api/v1/claims/confirm', { token });
        setOutcome({ status: 'done', slug: access.slug, token: access.token, kind: 'claimed' });
      } else {
        const answer = await postJson('/api/v1/freshness/confirm', { token, action: action ?? 'confirm' });
        setOutcome({ status: 'done', slug: answer.slug, token: answer.token ?? null, kind: action === 'update' ? 'update' : 'confirmed' });
      }
    } catch (error) {
      setOutcome(outcomeOf(error));
    }
  }

  const busy = outcome.status === 'sending';
  return (
    <main id="main" class="page page--narrow">
      <h1>{title}</h1>
      {(outcome.status === 'idle' || outcome.status === 'sending') && (
        kind === 'claim' ? <>
          <p>{t('confirm.claimIntro')}</p>
          <button type="button" class="button button--primary" disabled={busy} onClick={() => send(null)}>{t('confirm.claimButton')}</button>
        </> : <>
          <p>{t('confirm.freshnessIntro')}</p>
          <p class="button-row">
            <button type="button" class="button button--primary" disabled={busy} onClick={() => send('confirm')}>{t('confirm.stillCurrent')}</button>
            <button type="button" class="button" disabled={busy} onClick={() => send('update')}>{t('confirm.wantUpdate')}</button>
          </p>
        </>
      )}
      {busy && <p role="status">{t('form.sending')}</p>}
      {outcome.status === 'done' && (
        <div role="status" class="state state--ok">
          <p>{outcome.kind === 'claimed' ? t('confirm.claimed') : outcome.kind === 'update' ? t('confirm.updateReady') : t('confirm.confirmed')}</p>
        </div>
      )}
      {outcome.status === 'done' && outcome.token && <MemberToken token={outcome.token} />}
      {outcome.status === 'done' && <p><Link state={state} to={toEnterprise(outcome.slug)}>{t('confirm.openEntry')}</Link></p>}
      {outcome.status === 'gone' && <p class="state state--error" role="alert">{t('confirm.gone')}</p>}
      {outcome.status === 'unknown' && <p class="state state--error" role="alert">{t('confirm.unknown')}</p>}
      {outcome.status === 'claimed' && <p class="state state--error" role="alert">{t('confirm.alreadyClaimed')}</p>}
      {outcome.status === 'error' && (
        <div class="state state--error" role="alert">
          <p>{t('form.error')}</p>
          <button type="button" class="button" onClick={() => setOutcome({ status: 'idle' })}>{t('results.retry')}</button>
        </div>
      )}
      {outcome.status !== 'done' && <p><Link state={state} to={toMap}>{t('app.backToMap')}</Link></p>}
    </main>
  );
}
