// The frame of a console screen, shared by the admin console and the members' area: the page's heading,
// "Change the token" once signed in, and the shared console styles (console.css, in the `console`
// cascade layer).
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { useI18n } from '../i18n';
import './console.css';

interface Props {
  /** The area's class (`admin`, `member`), for the rules that are its own. */
  area: string;
  title: string;
  /** Shown once a token is accepted: drops it. */
  onSignOut: (() => void) | null;
  children: ComponentChildren;
}

export function ConsolePage({ area, title, onSignOut, children }: Props) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t('app.title')}`;
  }, [title, t]);
  return (
    <main id="main" class={`page page--wide console ${area}`}>
      <div class="console__head">
        <h1>{title}</h1>
        {onSignOut && <button type="button" class="button" onClick={onSignOut}>{t('console.changeToken')}</button>}
      </div>
      {children}
    </main>
  );
}
