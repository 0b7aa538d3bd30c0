// Tokens (admins): list (revoked ones on request), create — the secret shown once with a copy
// button — and revoke.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, deleteJson, getJson, postJson } from '../api/client';
import type { components } from '../api/schema';
import { errorsByField, Field, type FieldErrors } from '../forms/Field';
import { useI18n, type MessageKey } from '../i18n';
import { LoadError } from './AdminPage';

type Token = components['schemas']['TokenOut'];
type Role = components['schemas']['Role'];
type Load = { status: 'loading' } | { status: 'ready'; data: Token[] } | { status: 'error'; error: unknown };
const ROLES: Role[] = ['admin', 'editor', 'member', 'integration'];
const ROLE_KEYS: Record<Role, MessageKey> = {
  admin: 'admin.role.admin', editor: 'admin.role.editor', member: 'admin.role.member', integration: 'admin.role.integration',
};

function NewSecret({ secret }: { secret: string }) {
  const { t } = useI18n();
  const [message, setMessage] = useState('');
  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setMessage(t('token.copied'));
    } catch {
      setMessage(t('token.copyFailed'));
    }
  }
  return (
    <div class="member-token">
      <p><strong>{t('admin.tokens.once')}</strong></p>
      <div class="member-token__row">
        <label class="sr-only" for="new-token">{t('admin.tokens.secret')}</label>
        <input id="new-token" class="member-token__value" readOnly value={secret} onFocus={(e) => e.currentTarget.select()} />
        <button type="button" class="button button--primary" onClick={copy}>{t('token.copy')}</button>
      </div>
      <p role="status" aria-live="polite">{message}</p>
    </div>
  );
}

function CreateToken({ token, onCreated }: { token: string; onCreated: () => void }) {
  const { t } = useI18n();
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
    setBusy(true);
    setErrors({});
    setFailure(null);
    try {
      const org = organisation.trim();
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
      if (error instanceof ApiError && error.errors.length) setErrors(errorsByField(error.errors));
      setFailure(error instanceof ApiError ? error.message : t('form.error'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="new-token-heading" class="admin-card">
      <h3 id="new-token-heading">{t('admin.tokens.create')}</h3>
      <form class="admin-form" onSubmit={submit}>
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
        <Field id="token-organisation" label={t('admin.tokens.organisation')} hint={t('admin.tokens.organisationHint')} error={errors.organisation}>
          {(attrs) => <input {...attrs} value={organisation} onInput={(e) => setOrganisation(e.currentTarget.value)} />}
        </Field>
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

export function TokensTab({ token }: { token: string }) {
  const { t, f } = useI18n();
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [withRevoked, setWithRevoked] = useState(false);
  const [message, setMessage] = useState('');

  useEffect(() => {
    const controller = new AbortController();
    getJson('/api/v1/admin/tokens', { query: { include_revoked: withRevoked, limit: 200 }, token, signal: controller.signal })
      .then((page) => setLoad({ status: 'ready', data: page.items }))
      .catch((error: unknown) => { if (!controller.signal.aborted) setLoad({ status: 'error', error }); });
    return () => controller.abort();
  }, [token, attempt, withRevoked]);

  async function revoke(item: Token) {
    try {
      await deleteJson('/api/v1/admin/tokens/{token_id}', { path: { token_id: item.id }, token });
      setMessage(t('admin.tokens.revoked', { name: item.name }));
      setAttempt((n) => n + 1);
    } catch {
      setMessage(t('form.error'));
    }
  }

  const date = (value: string | null) => (value ? f.date(value) : '—');
  return (
    <section aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">{t('admin.tab.tokens')}</h2>
      {load.status === 'error' ? <LoadError error={load.error} retry={() => setAttempt((n) => n + 1)} /> : <>
        <CreateToken token={token} onCreated={() => setAttempt((n) => n + 1)} />
        <p>
          <label class="checkbox">
            <input type="checkbox" checked={withRevoked} onChange={(e) => setWithRevoked(e.currentTarget.checked)} />
            {' '}{t('admin.tokens.withRevoked')}
          </label>
        </p>
        <p role="status" aria-live="polite">{load.status === 'loading' ? t('results.loading') : message}</p>
        {load.status === 'ready' && (
          <div class="admin-table-wrap">
            <table class="admin-table">
              <caption class="sr-only">{t('admin.tab.tokens')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.tokens.name')}</th><th scope="col">{t('admin.tokens.role')}</th>
                  <th scope="col">{t('admin.tokens.organisation')}</th><th scope="col">{t('admin.tokens.prefix')}</th>
                  <th scope="col">{t('admin.tokens.created')}</th><th scope="col">{t('admin.tokens.expires')}</th>
                  <th scope="col">{t('admin.tokens.lastUsed')}</th><th scope="col">{t('admin.tokens.state')}</th>
                </tr>
              </thead>
              <tbody>
                {load.data.map((item) => (
                  <tr key={item.id}>
                    <th scope="row">{item.name}</th>
                    <td>{item.role in ROLE_KEYS ? t(ROLE_KEYS[item.role as Role]) : item.role}</td>
                    <td>{item.organisation_id ?? '—'}</td>
                    <td><code>{item.prefix}</code></td>
                    <td>{date(item.created_at)}</td>
                    <td>{date(item.expires_at)}</td>
                    <td>{date(item.last_used_at)}</td>
                    <td>{item.revoked_at ? t('admin.tokens.revokedOn', { date: date(item.revoked_at) }) : (
                      <button type="button" class="button" aria-label={t('admin.tokens.revokeNamed', { name: item.name })}
                        onClick={() => revoke(item)}>{t('admin.tokens.revoke')}</button>
                    )}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </>}
    </section>
  );
}
