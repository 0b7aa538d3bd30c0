// The members area (/member): a member token bound to one organisation edits its profile, follows its
// service requests and answers its inquiries. The token and its organisation (from GET /api/v1/me)
// stay in sessionStorage.
import { useEffect, useState } from 'preact/hooks';
import { getJson, getTagged, postJson, type Tagged } from '../api/client';
import { MemberError } from './MemberError';
import type { components } from '../api/schema';
import { useI18n } from '../i18n';
import { setMemberSession, signInAs, useMemberSession, type MemberSession } from './session';
import { ConsolePage } from '../console/ConsolePage';
import { TokenSignIn } from '../console/TokenSignIn';
import { ProfileEditor } from './ProfileEditor';
import { ServiceRequests } from './ServiceRequests';
import { Inquiries } from './Inquiries';
import { ImpactReports } from './ImpactReports';
import { ReservedEvidence } from './ReservedEvidence';
import { Offerings } from './Offerings';
import { TendersForYou } from './TendersForYou';
import { FundingForYou } from './FundingForYou';
import { Link } from '../app/Link';
import { useAppState } from '../app/store';

type Detail = components['schemas']['EnterpriseDetail'];

/** Sign-in with the token alone: GET /api/v1/me names the organisation a member token is bound to. */
function SessionForm() {
  const { t } = useI18n();
  const state = useAppState();
  return (
    <TokenSignIn id="member-token" intro={t('member.tokenIntro')} accept={(me, token) => (signInAs(me, token) ? null : <>
      {t('member.notMemberToken')} <Link state={state} to={(st) => ({ ...st, route: { name: 'admin', tab: 'moderation' } })}>{t('admin.navLink')}</Link>
    </>)} />
  );
}

/** How long the member token lives, and a button to renew it for a year (POST /api/v1/me/renew). */
function TokenLifetime({ session }: { session: MemberSession }) {
  const { t, f } = useI18n();
  const [expires, setExpires] = useState<string | null>(null);
  const [renewed, setRenewed] = useState(false);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    getJson('/api/v1/me', { token: session.token }).then((me) => setExpires(me.token.expires_at ?? null), () => setFailed(true));
  }, [session.token]);

  async function renew() {
    setBusy(true);
    setFailed(false);
    try {
      const me = await postJson('/api/v1/me/renew', undefined, { token: session.token });
      setExpires(me.token.expires_at ?? null);
      setRenewed(true);
    } catch {
      setFailed(true);
    }
    setBusy(false);
  }

  if (!expires) return failed ? <p class="state state--error" role="alert">{t('form.error')}</p> : null;
  const date = f.date(expires);
  return (
    <div class="member-token">
      <p role="status" aria-live="polite">{renewed ? t('member.renewed', { date }) : t('member.tokenValidUntil', { date })}</p>
      <button type="button" class="button" disabled={busy} onClick={renew}>{t('member.renew')}</button>
      {failed && <p class="state state--error" role="alert">{t('form.error')}</p>}
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
    getTagged('/api/v1/enterprises/{key}', { path: { key: session.organisation }, token: session.token, signal: controller.signal })
      .then((tagged) => { if (!controller.signal.aborted) setEnterprise(tagged); })
      .catch((e: unknown) => { if (!controller.signal.aborted) setError(e); });
    return () => controller.abort();
  }, [session.token, session.organisation, attempt]);
  if (error) return <MemberError error={error} retry={() => setAttempt((n) => n + 1)} />;
  if (!enterprise) return <p role="status">{t('results.loading')}</p>;
  return (
    <>
      <p class="muted">{t('member.signedInAs', { name: enterprise.data.name })}</p>
      <TokenLifetime session={session} />
      <ProfileEditor session={session} initial={enterprise.data} initialEtag={enterprise.etag} />
      <Offerings session={session} enterpriseId={enterprise.data.id} />
      <ReservedEvidence session={session} enterpriseId={enterprise.data.id} />
      <TendersForYou enterpriseId={enterprise.data.id} />
      <FundingForYou enterpriseId={enterprise.data.id} />
      <ImpactReports session={session} />
      <ServiceRequests session={session} />
      <Inquiries session={session} />
    </>
  );
}

export function MemberPage() {
  const { t } = useI18n();
  const session = useMemberSession();
  return (
    <ConsolePage area="member" title={t('member.title')} onSignOut={session ? () => setMemberSession(null) : null}>
      {session ? <Area key={`${session.token}|${session.organisation}`} session={session} /> : <SessionForm />}
    </ConsolePage>
  );
}
