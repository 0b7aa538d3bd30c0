// Tokens (admins): list (revoked ones on request, 25 a page), create — the secret shown once with a
// copy button — and revoke, after a confirmation.
import { useRef, useState } from 'preact/hooks';
import { ApiError, deleteJson, getJson, postJson } from '../api/client';
import type { components } from '../api/schema';
import { errorsByField, Field, type FieldErrors } from '../forms/Field';
import { useCopy } from '../forms/useCopy';
import { useI18n, type MessageKey } from '../i18n';
import { LoadError } from './LoadError';
import { ConfirmDialog } from '../console/ConfirmDialog';
import { PageButtons, usePagedList, usePageStatus } from '../console/paging';
import { TableFrame } from '../console/TableFrame';

type Token = components['schemas']['TokenOut'];
type Role = components['schemas']['Role'];
const PAGE = 25;
const ROLES: Role[] = ['admin', 'editor', 'member', 'integration', 'monitoring'];
const ROLE_KEYS: Record<Role, MessageKey> = {
  admin: 'admin.role.admin', editor: 'admin.role.editor', member: 'admin.role.member', integration: 'admin.role.integration',
  monitoring: 'admin.role.monitoring',
};

function NewSecret({ secret }: { secret: string }) {
  const { t } = useI18n();
  const [message, copy] = useCopy('token.copied', 'token.copyFailed');
  return (
    <div class="member-token">
      <p><strong>{t('admin.tokens.once')}</strong></p>
      <div class="member-token__row">
        <label class="sr-only" for="new-token">{t('admin.tokens.secret')}</label>
        <input id="new-token" class="member-token__value" readOnly value={secret} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="button button--primary" onClick={() => void copy(secret)}>{t('token.copy')}</button>
      </div>
      <p role="status" aria-live="polite">{message}</p>
    </div>
  );
}

function CreateToken({ token, onCreated }: { token: string; onCreated: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [organisation, setOrganisation] = useState('');
  const [expires, setExpires] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    setErrors({});
    setFailure(null);
    const org = role === 'member' ? organisation.trim() : '';
    // A member token belongs to one organisation: said here, at its field, before the API is asked.
    if (role === 'member' && !org) {
      setErrors({ organisation: t('admin.tokens.organisationNeeded') });
      setFailure(t('form.fixFields'));
      return;
    }
    setBusy(true);
    try {
      const created = await postJson('/api/v1/admin/tokens', {
        name: name.trim(), role,
        organisation: org ? (/^\d+$/.test(org) ? Number(org) : org) : null,
        expires_at: expires ? `${expires}T23:59:59Z` : null,
      }, { token });
      setSecret(created.token);
      setName('');
      setOrganisation('');
      setExpires('');
      onCreated();
    } catch (error) {
      const fields = error instanceof ApiError ? errorsByField(error.errors, i18n) : {};
      setErrors(fields);
      setFailure(Object.keys(fields).length ? t('form.fixFields') : error instanceof ApiError ? error.message : t('form.error'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="new-token-heading" class="console-card">
      <h3 id="new-token-heading">{t('admin.tokens.create')}</h3>
      <form class="console-form" onSubmit={submit} noValidate>
        <Field id="token-name" label={t('admin.tokens.name')} error={errors.name} required>
          {(attrs) => <input {...attrs} value={name} onInput={(e) => setName(e.currentTarget.value)} />}
        </Field>
        <Field id="token-role" label={t('admin.tokens.role')} error={errors.role}>
          {(attrs) => (
            <select {...attrs} value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
              {ROLES.map((r) => <option key={r} value={r}>{t(ROLE_KEYS[r])}</option>)}
            </select>
          )}
        </Field>
        {role === 'member' && (
          <Field id="token-organisation" label={t('admin.tokens.organisation')} hint={t('admin.tokens.organisationHint')}
            error={errors.organisation} required>
            {(attrs) => <input {...attrs} value={organisation} onInput={(e) => setOrganisation(e.currentTarget.value)} />}
          </Field>
        )}
        <Field id="token-expires" label={t('admin.tokens.expires')} error={errors.expires_at}>
          {(attrs) => <input {...attrs} type="date" value={expires} onInput={(e) => setExpires(e.currentTarget.value)} />}
        </Field>
        <p><button type="submit" class="button button--primary" disabled={busy}>{t('admin.tokens.createButton')}</button></p>
      </form>
      {failure && <p class="state state--error" role="alert">{failure}</p>}
      {secret && <NewSecret secret={secret} />}
    </section>
  );
}

function TokenRow({ item, onRevoke }: { item: Token; onRevoke: (item: Token) => void }) {
  const { t, f } = useI18n();
  const date = (value: string | null) => (value ? f.date(value) : '—');
  return (
    <tr>
      <th scope="row">{item.name}</th>
      <td>{item.role in ROLE_KEYS ? t(ROLE_KEYS[item.role as Role]) : item.role}</td>
      <td>{item.organisation_id ?? '—'}</td>
      <td><code>{item.prefix}</code></td>
      <td>{date(item.created_at)}</td>
      <td>{date(item.expires_at)}</td>
      <td>{date(item.last_used_at)}</td>
      <td>{item.revoked_at ? t('admin.tokens.revokedOn', { date: date(item.revoked_at) }) : (
        <button type="button" class="button" aria-label={t('admin.tokens.revokeNamed', { name: item.name })}
          onClick={() => onRevoke(item)}>{t('admin.tokens.revoke')}</button>
      )}</td>
    </tr>
  );
}

function TokenTable({ items, onRevoke }: { items: Token[]; onRevoke: (item: Token) => void }) {
  const { t } = useI18n();
  return (
    <TableFrame label={t('admin.tab.tokens')}>
      <table class="console-table">
        <caption class="sr-only">{t('admin.tab.tokens')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.tokens.name')}</th><th scope="col">{t('admin.tokens.role')}</th>
            <th scope="col">{t('admin.tokens.organisation')}</th><th scope="col">{t('admin.tokens.prefix')}</th>
            <th scope="col">{t('admin.tokens.created')}</th><th scope="col">{t('admin.tokens.expires')}</th>
            <th scope="col">{t('admin.tokens.lastUsed')}</th><th scope="col">{t('admin.tokens.state')}</th>
          </tr>
        </thead>
        <tbody>{items.map((item) => <TokenRow key={item.id} item={item} onRevoke={onRevoke} />)}</tbody>
      </table>
    </TableFrame>
  );
}

export function TokensTab({ token }: { token: string }) {
  const { t } = useI18n();
  const [withRevoked, setWithRevoked] = useState(false);
  const [message, setMessage] = useState('');
  const [asking, setAsking] = useState<Token | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const list = usePagedList<Token>(`${token}|${withRevoked}`, (cursor, signal) =>
    getJson('/api/v1/admin/tokens', { query: { include_revoked: withRevoked, limit: PAGE, ...(cursor ? { cursor } : {}) }, token, signal })
      .then((page) => ({ items: page.items, next: page.next_cursor })));
  const status = usePageStatus(list);

  async function revoke(item: Token) {
    setAsking(null);
    try {
      await deleteJson('/api/v1/admin/tokens/{token_id}', { path: { token_id: item.id }, token });
      setMessage(t('admin.tokens.revoked', { name: item.name }));
      list.reload();
    } catch {
      setMessage(t('form.error'));
    }
    // The row's button is gone with the reload: the keyboard carries on from the tab's heading.
    heading.current?.focus();
  }

  return (
    <section aria-labelledby="tokens-heading">
      <h2 id="tokens-heading" ref={heading} tabIndex={-1}>{t('admin.tab.tokens')}</h2>
      {list.load.status === 'error' ? <LoadError error={list.load.error} retry={list.reload} /> : <>
        <CreateToken token={token} onCreated={list.reload} />
        <p>
          <label class="checkbox">
            <input type="checkbox" checked={withRevoked} onChange={(e) => setWithRevoked(e.currentTarget.checked)} />
            {' '}{t('admin.tokens.withRevoked')}
          </label>
        </p>
        <div role="status" aria-live="polite">
          {message && <p>{message}</p>}
          <p>{list.load.status === 'loading' ? t('results.loading') : status}</p>
        </div>
        {list.load.status === 'ready' && <TokenTable items={list.load.page.items} onRevoke={setAsking} />}
        <PageButtons list={list} label={t('admin.page.of', { list: t('admin.tab.tokens') })} />
        <RevokeDialog target={asking} onConfirm={(item) => void revoke(item)} onCancel={() => setAsking(null)} />
      </>}
    </section>
  );
}

function RevokeDialog({ target, onConfirm, onCancel }: { target: Token | null; onConfirm: (item: Token) => void; onCancel: () => void }) {
  const { t } = useI18n();
  return (
    <ConfirmDialog id="revoke-token" open={target !== null} title={t('admin.tokens.revokeQuestion', { name: target?.name ?? '' })}
      confirmLabel={t('admin.tokens.revokeConfirm')} onConfirm={() => target && onConfirm(target)} onCancel={onCancel}>
      <p>{t('admin.tokens.revokeWarning')}</p>
    </ConfirmDialog>
  );
}
