import { useEffect, useRef } from 'preact/hooks';
import { Link, toEnterprise } from '../app/Link';
import { navigate, useAppState } from '../app/store';
import { useI18n } from '../i18n';
import { ClusterBadge, Description, Employees, ImpactChips, OperatingStatusNotice, Place, VerifiedBadge } from './parts';
import { useEnterprise } from './useEnterprise';

/** The panel beside the map for the enterprise clicked on it (or chosen in the list). */
export function DetailPanel({ slug }: { slug: string }) {
  const state = useAppState();
  const { t, code } = useI18n();
  const result = useEnterprise(slug);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (result.status !== 'ready') return;
    heading.current?.focus({ preventScroll: true });
    // On a phone the map sits above the list: bring the map with its marker, and this panel, into view.
    if (matchMedia('(max-width: 720px)').matches) document.querySelector('.map-area')?.scrollIntoView({ block: 'start' });
  }, [result.status, slug]);

  const close = () => navigate({ selected: null });
  return (
    <aside class="detail-panel" aria-labelledby={result.status === 'ready' ? 'detail-heading' : undefined}
      aria-label={result.status === 'ready' ? undefined : t('enterprise.about')} onKeyDown={(e) => e.key === 'Escape' && close()}>
      <button type="button" class="detail-panel__close" onClick={close} aria-label={t('enterprise.close')}>×</button>
      {result.status === 'loading' && <p class="state" role="status">{t('results.loading')}</p>}
      {result.status === 'not-found' && <p class="state" role="alert">{t('enterprise.notFound')}</p>}
      {result.status === 'error' && (
        <div class="state state--error" role="alert">
          <p>{t('results.error')}</p>
          <button type="button" class="button" onClick={result.retry}>{t('results.retry')}</button>
        </div>
      )}
      {result.status === 'ready' && (
        <>
          <h2 id="detail-heading" ref={heading} tabIndex={-1}>{result.enterprise.name}</h2>
          <p class="muted">{code('kind', result.enterprise.kind)} · <Place enterprise={result.enterprise} /></p>
          <p><VerifiedBadge verified={result.enterprise.verified} /><ClusterBadge enterprise={result.enterprise} /></p>
          <OperatingStatusNotice enterprise={result.enterprise} />
          <ImpactChips codes={result.enterprise.impact_areas} />
          <Description enterprise={result.enterprise} />
          <Employees enterprise={result.enterprise} />
          <Link class="button button--primary" state={state} to={toEnterprise(slug)}>{t('enterprise.openProfile')}</Link>
        </>
      )}
    </aside>
  );
}
