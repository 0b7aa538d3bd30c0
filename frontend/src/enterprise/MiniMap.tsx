import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { createSmallMap } from '../map/small-map';

/** A small static map of the enterprise's place, on the same offline base as the main map. */
export function MiniMap({ lng, lat, name }: { lng: number; lat: number; name: string }) {
  const { lang, t, code } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let map: { remove(): void } | null = null;
    let disposed = false;
    if (!container.current) return undefined;
    createSmallMap(container.current, (c) => code('country', c), { center: [lng, lat], zoom: 7, interactive: false }).then((made) => {
      if (!made) return setFailed(true);
      if (disposed) return made.map.remove();
      const m = made.map;
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
