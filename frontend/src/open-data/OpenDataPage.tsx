// /open-data: the whole directory as files (CSV, GeoJSON, GeoPackage, JSON-LD), each with its date, size
// and SHA-256, under the licence the API names (GET /api/v1/downloads). The files are static: a link, no
// request to the application.
import { useEffect, useState } from 'preact/hooks';
import { getJson, type JsonOf } from '../api/client';
import { Link, toMap } from '../app/Link';
import { useAppState } from '../app/store';
import { useI18n, type MessageKey } from '../i18n';

const FORMAT_NAMES: Record<string, MessageKey> = {
  csv: 'openData.format.csv', geojson: 'openData.format.geojson', gpkg: 'openData.format.gpkg', jsonld: 'openData.format.jsonld',
};

type Downloads = JsonOf<'/api/v1/downloads'>;

export function OpenDataPage() {
  const state = useAppState();
  const { t, lang, f } = useI18n();
  const [downloads, setDownloads] = useState<Downloads | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    document.title = `${t('openData.title')} | ${t('app.title')}`;
  }, [lang]);
  useEffect(() => {
    const controller = new AbortController();
    getJson('/api/v1/downloads', { signal: controller.signal })
      .then(setDownloads)
      .catch(() => !controller.signal.aborted && setFailed(true));
    return () => controller.abort();
  }, []);

  const size = (bytes: number) => (bytes >= 1_048_576
    ? t('openData.megabytes', { size: f.number(Math.round(bytes / 104_857.6) / 10) })
    : t('openData.kilobytes', { size: f.number(Math.max(1, Math.round(bytes / 1024))) }));

  return (
    <main id="main" class="page open-data">
      <h1>{t('openData.title')}</h1>
      <p>{t('openData.intro')}</p>
      {failed && <p class="state state--error" role="alert">{t('openData.failed')}</p>}
      {!downloads && !failed && <p role="status">{t('openData.loading')}</p>}
      {downloads && (
        <>
          <p class="open-data__licence">
            {t('openData.licence')}{' '}
            <a href={downloads.licence.url} rel="license">{downloads.licence.name}</a>.{' '}
            {t('openData.attribution')} <q>{downloads.licence.attribution}</q>
          </p>
          {downloads.files.length === 0
            ? <p class="state">{t('openData.empty')}</p>
            : (
              <ul class="open-data__files">
                {downloads.files.map((file) => (
                  <li key={file.name} class="open-data__file">
                    <a class="button button--primary" href={file.url} download={file.name}>
                      {t('openData.download', { format: FORMAT_NAMES[file.format] ? t(FORMAT_NAMES[file.format]!) : file.format })}
                    </a>
                    <dl>
                      <dt>{t('openData.file')}</dt><dd><code>{file.name}</code></dd>
                      <dt>{t('openData.size')}</dt><dd>{size(file.size)}</dd>
                      <dt>{t('openData.builtAt')}</dt><dd><time dateTime={file.built_at}>{f.date(file.built_at)}</time></dd>
                      <dt>SHA-256</dt><dd><code class="open-data__hash">{file.sha256}</code></dd>
                    </dl>
                  </li>
                ))}
              </ul>
            )}
        </>
      )}
      <p><Link state={state} to={toMap}>{t('app.backToMap')}</Link></p>
    </main>
  );
}
