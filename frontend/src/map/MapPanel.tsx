import { useEffect, useRef, useState } from 'preact/hooks';
import { listQuery } from '../api/client';
import { getState, navigate, useAppState } from '../app/store';
import type { MapView } from '../app/url-state';
import { i18nFor, useI18n } from '../i18n';
import type { EnterpriseMap } from './controller';
import { MapControls } from './MapControls';
import { Legend } from './Legend';
import { rememberBounds, type Bounds } from './bounds';
import { configuredBasemap, mapStyle } from './style';

type Status = 'loading' | 'ready' | 'unsupported' | 'error';

declare global {
  interface Window {
    /** The live map, for the end-to-end tests and the browser console. */
    semapMap?: EnterpriseMap['map'];
  }
}

const sameView = (a: MapView | null, b: MapView | null) =>
  a === b || (!!a && !!b && Math.abs(a.lng - b.lng) < 1e-5 && Math.abs(a.lat - b.lat) < 1e-5 && Math.abs(a.zoom - b.zoom) < 0.01);

export function MapPanel() {
  const state = useAppState();
  const { t, lang, code } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const controller = useRef<EnterpriseMap | null>(null);
  const viewFromMap = useRef<MapView | null>(state.view);
  const [status, setStatus] = useState<Status>('loading');
  const [dataFailed, setDataFailed] = useState(false);
  const codeRef = useRef(code);
  codeRef.current = code;

  useEffect(() => {
    let disposed = false;
    import('./controller').then(async ({ EnterpriseMap, supportsWebGL }) => {
      if (disposed || !container.current) return;
      if (!supportsWebGL()) {
        setStatus('unsupported');
        return;
      }
      const style = await mapStyle(location.origin, (c) => codeRef.current('country', c), getState().lang);
      if (disposed || !container.current) return;
      const s = getState();
      const map = new EnterpriseMap(container.current, style, s.view, {
        onMove: (view) => {
          viewFromMap.current = view;
          navigate({ view }, { replace: true });
        },
        onSelect: (slug) => navigate({ selected: slug }),
        onPickPoint: (lng, lat) => navigate((st) => ({ ...st, around: { lng, lat, radiusKm: st.around?.radiusKm ?? 25 } })),
        onDataError: () => setDataFailed(true),
      });
      controller.current = map;
      window.semapMap = map.map;
      map.map.once('load', () => !disposed && setStatus('ready'));
      const keepBounds = () => rememberBounds(map.map.getBounds().toArray().flat() as Bounds);
      map.map.on('moveend', keepBounds);
      map.map.once('load', keepBounds);
      map.map.on('error', (e) => console.warn('map', String(e.error?.message ?? e.error)));
      map.setLanguage((c) => codeRef.current('country', c), i18nFor(s.lang).t('map.label'), s.lang);
      map.setSelected(s.selected);
      map.setChoropleth(s.choropleth);
      map.setAround(s.around);
      void map.setQuery(listQuery(s.filters, s.around));
    }).catch(() => setStatus('error'));
    return () => {
      disposed = true;
      controller.current?.destroy();
      controller.current = null;
    };
  }, []);

  const queryKey = JSON.stringify(listQuery(state.filters, state.around));
  useEffect(() => {
    setDataFailed(false);
    void controller.current?.setQuery(JSON.parse(queryKey));
  }, [queryKey]);
  useEffect(() => controller.current?.setSelected(state.selected), [state.selected]);
  useEffect(() => controller.current?.setLanguage((c) => code('country', c), t('map.label'), lang), [lang]);
  useEffect(() => controller.current?.setChoropleth(state.choropleth), [state.choropleth]);
  useEffect(() => {
    controller.current?.setAround(state.around);
    if (state.around) controller.current?.fitCircle(state.around);
  }, [state.around?.lat, state.around?.lng, state.around?.radiusKm]);
  useEffect(() => {
    // A view that the map did not report itself came from the URL (back button, a link, the list).
    if (!sameView(state.view, viewFromMap.current)) {
      viewFromMap.current = state.view;
      controller.current?.setView(state.view);
    }
  }, [state.view]);

  return (
    <section class="map-panel" aria-label={t('map.label')}>
      <div ref={container} class="map" role="region" aria-label={t('map.label')} data-status={status} />
      {status === 'loading' && <p class="map-message" role="status">{t('map.loading')}</p>}
      {(status === 'unsupported' || status === 'error') && <p class="map-message" role="alert">{t('map.error')}</p>}
      {dataFailed && <p class="map-message map-message--bottom" role="alert">{t('results.error')}</p>}
      {status === 'ready' && <MapControls map={controller.current} />}
      {status === 'ready' && <Legend choropleth={state.choropleth} />}
      <p class="map-attribution">{[configuredBasemap()?.attribution, 'Natural Earth · GeoNames · MapLibre'].filter(Boolean).join(' · ')}</p>
    </section>
  );
}
