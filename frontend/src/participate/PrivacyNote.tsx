// The line every form that asks for a name or an e-mail address carries: what we keep, and where
// the whole notice is (/privacy).
import { Link } from '../app/Link';
import { useAppState } from '../app/store';
import { useI18n, type MessageKey } from '../i18n';

export function PrivacyNote({ what }: { what: 'submission' | 'subscription' | 'message' | 'savedNeed' | 'clusterInquiry' }) {
  const state = useAppState();
  const { t } = useI18n();
  return (
    <p class="hint privacy-note">
      {t(what === 'clusterInquiry' ? 'cluster.inquiry.privacy' : `privacy.note.${what}` as MessageKey)}{' '}
      <Link state={state} to={(s) => ({ ...s, route: { name: 'privacy' } })}>{t('privacy.link')}</Link>
    </p>
  );
}
