// /embed-code: presets for the light embed map (area, filters, language, colour, size), a live
// preview and the <iframe> code to paste, from GET /api/v1/embeds/snippet.
import { useEffect, useRef, useState } from 'preact/hooks';
import { getJson, queryString, type QueryOf } from '../api/client';
import { Link, toMap } from '../app/Link';
import { useAppState } from '../app/store';
import { LANGUAGES, useI18n, AUTONYMS, type Language } from '../i18n';
import { lastMapBounds } from '../map/bounds';
import { COUNTRIES, IMPACTS, labelOf, REGIONS } from '../taxonomies/labels';

type Area = 'all' | 'view' | 'region';
type SnippetQuery = QueryOf<'/api/v1/embeds/snippet'>;

const clampSize = (value: number, fallback: number) => (Number.isFinite(value) ? Math.min(4000, Math.max(200, Math.round(value))) : fallback);

/**
 * The preview: the page's CSP lets frames load only from blob: URLs, and /embed may be framed only by the
 * sites admins allow, so the preview fetches the embed's HTML (same origin) and shows it from a blob.
 */
function Preview({ url, width, height, title }: { url: string; width: number; height: number; title: string }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const { t } = useI18n();
  useEffect(() => {
    const controller = new AbortController();
    let objectUrl: string | null = null;
    const path = url.replace(/^https?:\/\/[^/]+/, '');
    setFailed(false);
    fetch(path, { signal: controller.signal })
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then((html) => {
        objectUrl = URL.createObjectURL(new Blob([html], { type: 'text/html' }));
        setSrc(objectUrl);
      })
      .catch(() => !controller.signal.aborted && setFailed(true));
    return () => {
      controller.abort();
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [url]);
  if (failed) return <p class="state state--error" role="alert">{t('form.error')}</p>;
  if (!src) return <p role="status">{t('results.loading')}</p>;
  return (
    <iframe class="embed-preview" src={src} width={width} height={height} title={title}
      sandbox="allow-popups allow-popups-to-escape-sandbox" style={{ border: 0, maxWidth: '100%' }} />
  );
}

export function EmbedCodePage() {
  const state = useAppState();
  const { t, lang, code } = useI18n();
  const bounds = lastMapBounds();
  const [area, setArea] = useState<Area>(bounds ? 'view' : 'all');
  const [region, setRegion] = useState('');
  const [countries, setCountries] = useState<string[]>([]);
  const [impact, setImpact] = useState('');
  const [embedLang, setEmbedLang] = useState<Language>(lang);
  const [colour, setColour] = useState('#0b7a75');
  const [width, setWidth] = useState(600);
  const [height, setHeight] = useState(450);
  const [snippet, setSnippet] = useState<{ url: string; html: string } | null>(null);
  const [failed, setFailed] = useState(false);
  const [copied, setCopied] = useState('');
  const textarea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    document.title = `${t('embed.title')} · ${t('app.title')}`;
  }, [lang]);

  const query: SnippetQuery = {
    lang: embedLang, color: colour, width: clampSize(width, 600), height: clampSize(height, 450),
    ...(area === 'view' && bounds ? { bbox: bounds.join(',') } : {}),
    ...(area === 'region' && region ? { region: [region] } : {}),
    ...(countries.length ? { country: countries as SnippetQuery['country'] } : {}),
    ...(impact ? { impact: [impact] } : {}),
  };
  const key = queryString(query as Record<string, unknown>);

  useEffect(() => {
    const controller = new AbortController();
    // Typing a size or dragging the colour picker should not ask the API at every step.
    const timer = setTimeout(() => {
      getJson('/api/v1/embeds/snippet', { query, signal: controller.signal }).then(
        (s) => { setSnippet(s); setFailed(false); setCopied(''); },
        () => !controller.signal.aborted && setFailed(true),
      );
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key]);

  async function copy() {
    if (!snippet) return;
    try {
      await navigator.clipboard.writeText(snippet.html);
      setCopied(t('embed.copied'));
    } catch {
      textarea.current?.select();
      setCopied(t('embed.copyFailed'));
    }
  }

  const regions = REGIONS.filter((r) => !countries.length || countries.includes(r.country));
  return (
    <main id="main" class="page">
      <p><Link state={state} to={toMap}>← {t('app.backToMap')}</Link></p>
      <h1>{t('embed.title')}</h1>
      <p>{t('embed.intro')}</p>
      <div class="embed-layout">
        <form class="form" onSubmit={(e) => e.preventDefault()}>
          <fieldset class="field">
            <legend>{t('embed.area')}</legend>
            <label class="check"><input type="radio" name="area" checked={area === 'all'} onChange={() => setArea('all')} />{t('embed.areaAll')}</label>
            <label class="check"><input type="radio" name="area" checked={area === 'view'} disabled={!bounds} onChange={() => setArea('view')} />
              {t('embed.areaView')}{!bounds && ` (${t('embed.areaViewNone')})`}</label>
            <label class="check"><input type="radio" name="area" checked={area === 'region'} onChange={() => setArea('region')} />{t('embed.areaRegion')}</label>
            {area === 'region' && (
              <div class="field">
                <label for="embed-region">{t('filters.region')}</label>
                <select id="embed-region" value={region} onChange={(e) => setRegion(e.currentTarget.value)}>
                  <option value="">{t('filters.any')}</option>
                  {regions.map((r) => <option key={r.code} value={r.code}>{r.name[lang]}</option>)}
                </select>
              </div>
            )}
          </fieldset>
          <fieldset class="field">
            <legend>{t('filters.country')}</legend>
            {COUNTRIES.map((c) => (
              <label key={c} class="check">
                <input type="checkbox" checked={countries.includes(c)}
                  onChange={(e) => setCountries(e.currentTarget.checked ? [...countries, c] : countries.filter((x) => x !== c))} />
                {code('country', c)}
              </label>
            ))}
          </fieldset>
          <div class="field">
            <label for="embed-impact">{t('filters.impact')}</label>
            <select id="embed-impact" value={impact} onChange={(e) => setImpact(e.currentTarget.value)}>
              <option value="">{t('filters.any')}</option>
              {IMPACTS.map((i) => <option key={i.code} value={i.code}>{labelOf(i, lang, i.code)}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="embed-lang">{t('embed.language')}</label>
            <select id="embed-lang" value={embedLang} onChange={(e) => setEmbedLang(e.currentTarget.value as Language)}>
              {LANGUAGES.map((l) => <option key={l} value={l}>{AUTONYMS[l]}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="embed-colour">{t('embed.colour')}</label>
            <input id="embed-colour" type="color" value={colour} onInput={(e) => setColour(e.currentTarget.value)} />
          </div>
          <div class="field field--pair">
            <div>
              <label for="embed-width">{t('embed.width')}</label>
              <input id="embed-width" type="number" min={200} max={4000} step={10} value={width}
                onInput={(e) => setWidth(e.currentTarget.valueAsNumber)} />
            </div>
            <div>
              <label for="embed-height">{t('embed.height')}</label>
              <input id="embed-height" type="number" min={200} max={4000} step={10} value={height}
                onInput={(e) => setHeight(e.currentTarget.valueAsNumber)} />
            </div>
          </div>
        </form>
        <div class="embed-output">
          <h2>{t('embed.preview')}</h2>
          {failed && <p class="state state--error" role="alert">{t('form.error')}</p>}
          {snippet && <Preview url={snippet.url} width={clampSize(width, 600)} height={clampSize(height, 450)} title={t('embed.previewTitle')} />}
          <h2><label for="embed-html">{t('embed.code')}</label></h2>
          <p class="hint">{t('embed.codeHint')}</p>
          <textarea id="embed-html" ref={textarea} class="embed-code" readOnly rows={4} value={snippet?.html ?? ''}
            onFocus={(e) => e.currentTarget.select()} />
          <p>
            <button type="button" class="button button--primary" disabled={!snippet} onClick={copy}>{t('embed.copy')}</button>
            <span role="status" aria-live="polite"> {copied}</span>
          </p>
        </div>
      </div>
    </main>
  );
}
