import { AUTONYMS, LANGUAGES, isLanguage, useI18n } from '../i18n';
import { navigate } from './store';

/** Each language in its own name; the choice goes to the URL and to localStorage. */
export function LanguageSwitch() {
  const { t, lang } = useI18n();
  return (
    <div class="language-switch">
      <label for="language-select">{t('app.language')}</label>
      <select id="language-select" value={lang}
        onChange={(e) => isLanguage(e.currentTarget.value) && navigate({ lang: e.currentTarget.value }, { replace: true })}>
        {LANGUAGES.map((l) => <option key={l} value={l} lang={l}>{AUTONYMS[l]}</option>)}
      </select>
    </div>
  );
}
