import type { Enterprise } from '../api/client';
import { Link, toEnterprise } from '../app/Link';
import { navigate, useAppState } from '../app/store';
import { ClusterBadge } from '../enterprise/parts';
import { useI18n } from '../i18n';
import { impactLabel, regionName } from '../taxonomies/labels';
import { bboxParam, useMapBounds } from '../map/bounds';
import { useEnterpriseList } from './useEnterpriseList';

function ResultItem({ enterprise: e }: { enterprise: Enterprise }) {
  const state = useAppState();
  const { t, f, lang, code } = useI18n();
  const [lng, lat] = e.location.coordinates;
  const place = [e.locality, e.region_code ? regionName(e.region_code, lang) : null, code('country', e.country)]
    .filter(Boolean).join(', ');
  const selected = state.selected === e.slug;
  return (
    <li class={selected ? 'result result--selected' : 'result'} aria-current={selected ? 'true' : undefined}>
      <h3 class="result__name">
        <Link state={state} to={toEnterprise(e.slug)}>{e.name}</Link>
      </h3>
      <p class="result__meta">
        {code('kind', e.kind)} · {place}
        {e.distance_km != null && <> · {f.distanceKm(e.distance_km)}</>}
      </p>
      <p class="chips">
        {e.verified && <span class="chip chip--verified">{t('enterprise.verified')}</span>}
        <ClusterBadge enterprise={e} link={false} />
        {e.impact_areas.slice(0, 2).map((code) => <span key={code} class="chip">{impactLabel(code, lang)}</span>)}
      </p>
      <button type="button" class="link-button"
        onClick={() => navigate((s) => ({ ...s, selected: e.slug, view: { lng, lat, zoom: Math.max(s.view?.zoom ?? 0, 11) } }))}>
        {t('results.showOnMap')}<span class="sr-only">: {e.name}</span>
      </button>
    </li>
  );
}

/** Whether the list keeps to the map's view: a box to untick, unless a search circle sets the area. */
function FollowMap({ follows }: { follows: boolean }) {
  const { t } = useI18n();
  return (
    <div class="follow-map">
      <label class="check">
        <input type="checkbox" checked={follows} onChange={(e) => navigate({ listAll: !e.currentTarget.checked })} />
        {t('results.followMap')}
      </label>
      {follows && <p class="hint">{t('results.followMapHint')}</p>}
    </div>
  );
}

/** The result list: the accessible way to the same enterprises the map shows, by default only those in its view. */
export function ResultList() {
  const { filters, around, listAll, view } = useAppState();
  const { t } = useI18n();
  const bounds = useMapBounds();
  const follows = !listAll && !around;
  // Until the map is moved it frames the three countries, which hold every entry: no bbox is needed then,
  // and the first page is not fetched twice (before and after the map reports its bounds).
  const list = useEnterpriseList(filters, around, follows && view && bounds ? bboxParam(bounds) : null);
  const count = list.totalExact ? t('results.count', { count: list.total }) : t('results.countApprox', { count: list.total });

  return (
    <section class="results" aria-labelledby="results-heading" aria-busy={list.status === 'loading'}>
      {/* Before the heading: the skip link lands on the heading, and Tab then goes straight to the results. */}
      {!around && <FollowMap follows={follows} />}
      <h2 id="results-heading" class="results__heading" tabIndex={-1}>
        {t('results.heading')}
        <span class="results__count" role="status" aria-live="polite">
          {list.status === 'ready' ? count : list.status === 'loading' ? t('results.loading') : ''}
        </span>
      </h2>
      {list.status === 'error' && (
        <div class="state state--error" role="alert">
          <p>{t('results.error')}</p>
          <button type="button" class="button" onClick={list.retry}>{t('results.retry')}</button>
        </div>
      )}
      {list.status === 'loading' && !list.items.length && <p class="state">{t('results.loading')}</p>}
      {list.status === 'ready' && !list.items.length && <p class="state">{t('results.empty')}</p>}
      {list.items.length > 0 && list.status !== 'error' && (
        <ol class={list.status === 'loading' ? 'result-list result-list--stale' : 'result-list'}>
          {list.items.map((e) => <ResultItem key={e.id} enterprise={e} />)}
        </ol>
      )}
      {list.status === 'ready' && list.nextCursor && (
        <button type="button" class="button button--block" onClick={list.loadMore} disabled={list.loadingMore}>
          {list.loadingMore ? t('results.loading') : t('results.loadMore')}
        </button>
      )}
    </section>
  );
}
