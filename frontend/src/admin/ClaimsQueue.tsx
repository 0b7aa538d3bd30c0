// The claims queue (admins): claims that the public claim form sent for review, oldest first, 20 a page.
// Each shows who claims which organisation and why; approving issues a member token for the organisation,
// shown once here for the admin to hand over, and rejecting needs a reason (the claimant's record keeps it).
import { useState } from 'preact/hooks';
import { ApiError, getJson, postJson } from '../api/client';
import type { components } from '../api/schema';
import { Link } from '../app/Link';
import { useAppState } from '../app/store';
import { PageButtons, usePagedList, usePageStatus } from '../console/paging';
import { useCopy } from '../forms/useCopy';
import { useI18n } from '../i18n';
import { LoadError } from './LoadError';

type Claim = components['schemas']['ClaimOut'];
type Access = components['schemas']['MemberAccess'];
const PAGE = 20;

function ClaimCard({ claim, onDecided, token }: { claim: Claim; token: string; onDecided: (text: string, access?: Access) => void }) {
  const { t, f } = useI18n();
  const state = useAppState();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const name = claim.organisation_name ?? `#${claim.organisation_id}`;

  async function decide(approve: boolean) {
    setError(null);
    const path = { claim_id: claim.id };
    try {
      if (approve) onDecided(t('admin.claims.approved', { name }), await postJson('/api/v1/admin/claims/{claim_id}/approve', undefined, { path, token }));
      else {
        await postJson('/api/v1/admin/claims/{claim_id}/reject', { reason: reason.trim() }, { path, token });
        onDecided(t('admin.claims.rejected', { name }));
      }
    } catch (e) {
      setError(e instanceof ApiError && e.status === 409 ? t('admin.claims.decidedAlready') : e instanceof ApiError && e.status === 422
        ? t('admin.claims.needReason') : t('form.error'));
    }
  }

  return (
    <article class="console-card" aria-labelledby={`claim-${claim.id}`}>
      <h3 id={`claim-${claim.id}`}>{t('admin.claims.cardTitle', { name })}</h3>
      <dl class="console-fields">
        <div><dt>{t('admin.claims.claimant')}</dt><dd>{claim.claimant_name} · <a href={`mailto:${claim.claimant_email}`}>{claim.claimant_email}</a></dd></div>
        <div><dt>{t('admin.claims.received')}</dt><dd>{f.date(claim.created_at)}</dd></div>
        <div><dt>{t('admin.claims.message')}</dt><dd>{claim.message || '—'}</dd></div>
        {claim.organisation_slug && <div><dt>{t('admin.claims.profile')}</dt><dd>
          <Link state={state} to={(s) => ({ ...s, route: { name: 'enterprise', slug: claim.organisation_slug! } })}>{name}</Link>
        </dd></div>}
      </dl>
      <div class="console-card__actions">
        <button type="button" class="button button--primary" onClick={() => void decide(true)}>{t('admin.claims.approve')}</button>
        <form class="console-inline-form" noValidate onSubmit={(e) => { e.preventDefault(); void decide(false); }}>
          <label for={`claim-reason-${claim.id}`}>{t('admin.mod.reason')}</label>
          <input id={`claim-reason-${claim.id}`} value={reason} required minLength={3} maxLength={2000}
            onInput={(e) => setReason(e.currentTarget.value)} />
          <button type="submit" class="button">{t('admin.mod.reject')}</button>
        </form>
      </div>
      {error && <p class="field__error" role="alert">{error}</p>}
    </article>
  );
}

/** The member token of an approved claim: shown this once, with a copy button. */
function IssuedToken({ access }: { access: Access }) {
  const { t } = useI18n();
  const [copied, copy] = useCopy('token.copied', 'token.copyFailed');
  return (
    <div class="member-token">
      <p><strong>{t('admin.claims.tokenOnce')}</strong></p>
      <div class="member-token__row">
        <label class="sr-only" for="claim-token">{t('admin.claims.tokenLabel')}</label>
        <input id="claim-token" class="member-token__value" readOnly value={access.token} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="button button--primary" onClick={() => void copy(access.token)}>{t('token.copy')}</button>
      </div>
      <p role="status" aria-live="polite">{copied}</p>
    </div>
  );
}

export function ClaimsQueue({ token }: { token: string }) {
  const { t } = useI18n();
  const [message, setMessage] = useState<string | null>(null);
  const [issued, setIssued] = useState<Access | null>(null);
  const list = usePagedList<Claim>(token, (cursor, signal) =>
    getJson('/api/v1/admin/claims', { query: { limit: PAGE, ...(cursor ? { cursor } : {}) }, token, signal })
      .then((page) => ({ items: page.items, next: page.next_cursor })));
  const status = usePageStatus(list);
  function decided(claim: Claim, text: string, access?: Access) {
    setMessage(text);
    setIssued(access ?? null);
    list.update((items) => items.filter((c) => c.id !== claim.id));
  }
  return (
    <section aria-labelledby="claims-heading">
      <h2 id="claims-heading">{t('admin.tab.claims')}</h2>
      <p class="hint">{t('admin.claims.intro')}</p>
      <div role="status" aria-live="polite">
        {message && <p>{message}</p>}
        <p>{list.load.status === 'loading' ? t('results.loading') : status}</p>
      </div>
      {issued && <IssuedToken access={issued} />}
      {list.load.status === 'error' ? <LoadError error={list.load.error} retry={list.reload} /> : <>
        {list.load.status === 'ready' && (list.load.page.items.length === 0 ? <p class="muted">{t('admin.claims.none')}</p>
          : list.load.page.items.map((c) => <ClaimCard key={c.id} claim={c} token={token} onDecided={(text, access) => decided(c, text, access)} />))}
        <PageButtons list={list} label={t('admin.page.of', { list: t('admin.tab.claims') })} />
      </>}
    </section>
  );
}
