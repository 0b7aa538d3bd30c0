// The error state of a console section, shared by the admin console and the members' area: the token's
// problem (401, 403, and for members a 404 of their organisation) with a way to change the token, or a
// generic failure with a retry. Each area says how its token is dropped (`signOut`).
import { ApiError } from '../api/client';
import { useI18n, type MessageKey } from '../i18n';

interface Props {
  error: unknown;
  retry?: () => void;
  signOut: () => void;
  /** What each refused status says; 401 is always "the token is not valid". */
  refusals?: Partial<Record<403 | 404, MessageKey>>;
}

export function ConsoleError({ error, retry, signOut, refusals = { 403: 'admin.forbidden' } }: Props) {
  const { t } = useI18n();
  const status = error instanceof ApiError ? error.status : 0;
  const refusal = status === 401 ? 'console.unauthorized' : status === 403 || status === 404 ? refusals[status] : undefined;
  if (refusal) {
    return (
      <div class="state state--error" role="alert">
        <p>{t(refusal)}</p>
        <button type="button" class="button" onClick={signOut}>{t('console.changeToken')}</button>
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
