// The members area (/member): a member token bound to one organisation edits its profile, follows its
// service requests and answers its inquiries. The token and its organisation (from GET /api/v1/me)
// stay in sessionStorage.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { call, type Tagged } from './http';
import type { components } from '../api/schema';
import { useI18n } from '../i18n';
import { setMemberSession, signInWithToken, useMemberSession, type MemberSession, type SignIn } from './session';
import { ProfileEditor } from './ProfileEditor';
import { ServiceRequests } from './ServiceRequests';
import { Inquiries } from './Inquiries';
import { Offerings } from './Offerings';
import { Link } from '../app/Link';
import { useAppState } from '../app/store';

type Detail = components['schemas']['EnterpriseDetail'];

/** Sign-in with the token alone (session.ts `signInWithToken`). */
function SessionForm() {
  const { t } = useI18n();
  const state = useAppState();
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<SignIn | null>(null);
  async function submit(event: Event) {
    event.preventDefault();
    if (!token.trim()) return;
    setBusy(true);
    setFailure(null);
    const result = await signInWithToken(token.trim());
    if (result !== 'ok') setFailure(result);
    setBusy(false);
  }
  return (
    <form class="admin-token" onSubmit={submit}>
      <p>{t('member.tokenIntro')}</p>
      <div class="field">
        <label for="member-token">{t('admin.tokenLabel')}</label>
        <p id="member-token-hint" class="hint">{t('admin.tokenHint')}</p>
        <input id="member-token" type="password" autoComplete="off" spellcheck={false} required
          aria-describedby="member-token-hint" value={token} onInput={(e) => setToken(e.currentTarget.value)} />
      </div>
      <p><button type="submit" class="button button--primary" disabled={busy}>{t('admin.tokenSubmit')}</button></p>
      <div role="alert">
        {failure === 'token' && <p class="state state--error">{t('admin.unauthorized')}</p>}
        {failure === 'role' && <p class="state state--error">{t('member.notMemberToken')} <Link state={state} to={(st) => ({ ...st, route: { name: 'admin', tab: 'moderation' } })}>{t('admin.navLink')}</Link></p>}
        {failure === 'other' && <p class="state state--error">{t('results.error')}</p>}
      </div>
    </form>
  );
}

/** The error of a members' call: the token's problem (with a way to change it) or a generic failure. */
export function MemberError({ error, retry }: { error: unknown; retry?: () => void }) {
  const { t } = useI18n();
  if (error instanceof ApiError && (error.status === 401 || error.status === 403 || error.status === 404)) {
    return (
      <div class="state state--error" role="alert">
        <p>{error.status === 404 ? t('member.notFound') : error.status === 403 ? t('member.forbidden') : t('admin.unauthorized')}</p>
        <button type="button" class="button" onClick={() => setMemberSession(null)}>{t('admin.changeToken')}</button>
      </div>
    );
  }
  return (
    <div class="state state--error" role="alert">
      <p>{t('results.error')}</p>
      {retry && <button type="button" class="button" onClick={retry}>{t('results.retry')}</button>}
    </div>
  );
}

function Area({ session }: { session: MemberSession }) {
  const { t } = useI18n();
  const [enterprise, setEnterprise] = useState<Tagged<Detail> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    call<Detail>('GET', `/api/v1/enterprises/${encodeURIComponent(session.organisation)}`, session.token)
      .then((tagged) => { if (!controller.signal.aborted) setEnterprise(tagged); })
      .catch((e: unknown) => { if (!controller.signal.aborted) setError(e); });
    return () => controller.abort();
  }, [session.token, session.organisation, attempt]);
  if (error) return <MemberError error={error} retry={() => setAttempt((n) => n + 1)} />;
  if (!enterprise) return <p role="status">{t('results.loading')}</p>;
  return (
    <>
      <p class="muted">{t('member.signedInAs', { name: enterprise.data.name })}</p>
      <ProfileEditor session={session} initial={enterprise.data} initialEtag={enterprise.etag} />
      <Offerings session={session} enterpriseId={enterprise.data.id} />
      <ServiceRequests session={session} />
      <Inquiries session={session} />
    </>
  );
}

export function MemberPage() {
  const { t } = useI18n();
  const session = useMemberSession();
  useEffect(() => {
    document.title = `${t('member.title')} · ${t('app.title')}`;
  }, [t]);
  return (
    <main id="main" class="page page--wide admin member">
      <div class="admin__head">
        <h1>{t('member.title')}</h1>
        {session && <button type="button" class="button" onClick={() => setMemberSession(null)}>{t('admin.changeToken')}</button>}
      </div>
      {session ? <Area key={`${session.token}|${session.organisation}`} session={session} /> : <SessionForm />}
    </main>
  );
}
