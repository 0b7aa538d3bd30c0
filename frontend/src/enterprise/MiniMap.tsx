import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { mapStyle } from '../map/style';

/** A small static map of the enterprise's place, on the same offline base as the main map. */
export function MiniMap({ lng, lat, name }: { lng: number; lat: number; name: string }) {
  const { lang, t, code } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let map: { remove(): void } | null = null;
    let disposed = false;
    // The controller module sets MapLibre's worker URL; both load with the map chunk.
    Promise.all([import('maplibre-gl'), import('../map/controller'), mapStyle(location.origin, (c) => code('country', c))])
      .then(([ml, { supportsWebGL }, style]) => {
        if (disposed || !container.current) return;
        if (!supportsWebGL()) {
          setFailed(true);
          return;
        }
        const m = new ml.Map({
          container: container.current, style, center: [lng, lat], zoom: 7,
          interactive: false, attributionControl: false,
        });
        m.on('load', () => {
          m.addSource('place', { type: 'geojson', data: { type: 'Point', coordinates: [lng, lat] } });
          m.addLayer({ id: 'place', type: 'circle', source: 'place',
            paint: { 'circle-radius': 9, 'circle-color': '#1d4e89', 'circle-stroke-color': '#fff', 'circle-stroke-width': 3 } });
        });
        map = m;
      }, () => setFailed(true));
    return () => {
      disposed = true;
      map?.remove();
    };
  }, [lng, lat, lang]);
  return failed
    ? <p class="state">{t('map.error')}</p>
    : <div ref={container} class="mini-map" role="img" aria-label={`${t('enterprise.location')}: ${name}`} />;
}
