// A token entry form for the admin console and the members' area: it asks GET /api/v1/me who the token
// is, and `accept` keeps it (returning null) or says why this screen cannot use it. An unknown, revoked
// or expired token and a failed call are said here, the same way for both.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, getJson } from '../api/client';
import type { components } from '../api/schema';
import { useI18n } from '../i18n';

export type WhoAmI = components['schemas']['WhoAmI'];

interface Props {
  id: string;
  intro: string;
  accept(me: WhoAmI, token: string): ComponentChildren | null;
}

export function TokenSignIn({ id, intro, accept }: Props) {
  const { t } = useI18n();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<ComponentChildren | null>(null);
  async function submit(event: Event) {
    event.preventDefault();
    const token = value.trim();
    if (!token) return;
    setBusy(true);
    setRefusal(null);
    try {
      setRefusal(accept(await getJson('/api/v1/me', { token }), token));
    } catch (e) {
      setRefusal(e instanceof ApiError && e.status === 401 ? t('console.unauthorized') : t('results.error'));
    }
    setBusy(false);
  }
  return (
    <form class="console-token" onSubmit={submit}>
      <p>{intro}</p>
      <div class="field">
        <label for={id}>{t('console.tokenLabel')}</label>
        <p id={`${id}-hint`} class="hint">{t('console.tokenHint')}</p>
        <input id={id} type="password" autoComplete="off" spellcheck={false} required
          aria-describedby={`${id}-hint`} value={value} onInput={(e) => setValue(e.currentTarget.value)} />
      </div>
      <p><button type="submit" class="button button--primary" disabled={busy}>{t('console.tokenSubmit')}</button></p>
      <div role="alert">{refusal && <p class="state state--error">{refusal}</p>}</div>
    </form>
  );
}
