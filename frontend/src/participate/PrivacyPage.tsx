// /privacy: what personal data the map keeps when someone proposes an entry, corrects one, subscribes, saves
// a buyer's need or writes to an enterprise or the cluster; why, for how long, and how to have it removed. The periods are the ones the
// worker enforces (api/worker/expiry.py); the contact is the deployment's PRIVACY_EMAIL (a meta tag).
import { useEffect } from 'preact/hooks';
import { Link, toMap } from '../app/Link';
import { useAppState } from '../app/store';
import { useI18n, type MessageKey } from '../i18n';

const SECTIONS = ['submissions', 'subscriptions', 'savedNeeds', 'messages', 'mail'] as const;
const PARTS = ['what', 'why', 'howLong'] as const;

export function privacyEmail(doc: Document = document): string {
  return doc.querySelector<HTMLMetaElement>('meta[name="semap-privacy-email"]')?.content || 'privacy@semap.dev';
}

export function PrivacyPage() {
  const state = useAppState();
  const { t, lang } = useI18n();
  useEffect(() => { document.title = `${t('privacy.heading')} · ${t('app.title')}`; }, [lang]);
  const email = privacyEmail();
  return (
    <main id="main" class="page privacy">
      <h1 id="main-heading" tabIndex={-1}>{t('privacy.heading')}</h1>
      <p>{t('privacy.intro')}</p>
      {SECTIONS.map((section) => (
        <section key={section} aria-labelledby={`privacy-${section}`}>
          <h2 id={`privacy-${section}`}>{t(`privacy.${section}.heading` as MessageKey)}</h2>
          <dl class="facts">
            {PARTS.map((part) => (
              <div key={part}>
                <dt>{t(`privacy.${part}` as MessageKey)}</dt>
                <dd>{t(`privacy.${section}.${part}` as MessageKey)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <section aria-labelledby="privacy-removal">
        <h2 id="privacy-removal">{t('privacy.removal.heading')}</h2>
        <p>{t('privacy.removal.text')} <a href={`mailto:${email}`}>{email}</a></p>
        <p>{t('privacy.removal.unsubscribe')}</p>
      </section>
      <p><Link state={state} to={toMap}>{t('app.backToMap')}</Link></p>
    </main>
  );
}
