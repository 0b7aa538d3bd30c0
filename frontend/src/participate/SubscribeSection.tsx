// The folded "Subscribe to new enterprises in this area" under the map's list. Its form loads when the
// section is first opened, so that a first visit of the map does not download it.
import { useState } from 'preact/hooks';
import { lazyPage } from '../app/lazy';
import { useI18n } from '../i18n';

const SubscribeForm = lazyPage(() => import('./SubscribeForm').then((m) => m.SubscribeForm));

export function SubscribeSection() {
  const { t } = useI18n();
  const [opened, setOpened] = useState(false);
  return (
    <details class="subscribe" onToggle={(e) => e.currentTarget.open && setOpened(true)}>
      <summary><h2 class="summary-heading" id="subscribe-heading">{t('participate.subscribe.heading')}</h2></summary>
      {opened && <SubscribeForm />}
    </details>
  );
}
