// The match's map: the buyer's point (a click moves it) and the results as markers numbered by rank.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Map as MlMap, Marker } from 'maplibre-gl';
import { useI18n } from '../i18n';
import { createSmallMap, type MapLibre } from '../map/small-map';
import { HOME_BOUNDS } from '../map/style';

export interface RankedPoint {
  rank: number;
  lng: number;
  lat: number;
  name: string;
}

export function MatchMap({ point, results, onPick }: {
  point: [number, number] | null; results: RankedPoint[]; onPick(lng: number, lat: number): void;
}) {
  const { t, lang, code } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MlMap | null>(null);
  const ml = useRef<MapLibre | null>(null);
  const markers = useRef<Marker[]>([]);
  const pick = useRef(onPick);
  pick.current = onPick;
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let disposed = false;
    if (!container.current) return undefined;
    createSmallMap(container.current, (c) => code('country', c), { bounds: HOME_BOUNDS }).then((made) => {
      if (!made) return setFailed(true);
      if (disposed) return made.map.remove();
      ml.current = made.ml;
      const m = made.map;
      m.on('click', (e) => pick.current(Number(e.lngLat.lng.toFixed(5)), Number(e.lngLat.lat.toFixed(5))));
      m.once('load', () => !disposed && setReady(true));
      map.current = m;
      window.semapMatchMap = m;
    }, () => setFailed(true));
    return () => {
      disposed = true;
      map.current?.remove();
      map.current = null;
    };
  }, [lang]);

  const key = JSON.stringify([point, results.map((r) => [r.rank, r.lng, r.lat])]);
  useEffect(() => {
    const m = map.current;
    const lib = ml.current;
    if (!ready || !m || !lib) return;
    for (const marker of markers.current) marker.remove();
    markers.current = [];
    const bounds = new lib.LngLatBounds();
    if (point) {
      const el = document.createElement('div');
      el.className = 'match-marker match-marker--origin';
      el.title = t('match.origin');
      markers.current.push(new lib.Marker({ element: el }).setLngLat(point).addTo(m));
      bounds.extend(point);
    }
    // Drawn last rank first, so that rank 1 sits on top.
    for (const r of [...results].reverse()) {
      const el = document.createElement('div');
      el.className = 'match-marker';
      el.textContent = String(r.rank);
      el.title = `${r.rank}. ${r.name}`;
      markers.current.push(new lib.Marker({ element: el }).setLngLat([r.lng, r.lat]).addTo(m));
      bounds.extend([r.lng, r.lat]);
    }
    if (!bounds.isEmpty() && results.length) m.fitBounds(bounds, { padding: 40, maxZoom: 10, duration: 0 });
  }, [ready, key]);

  if (failed) return <p class="state">{t('map.error')}</p>;
  return (
    <div class="match-map-wrap">
      <div ref={container} class="match-map" role="region" aria-label={t('match.mapLabel')} data-ready={ready ? '1' : '0'} />
      <p class="hint">{t('match.mapHint')}</p>
    </div>
  );
}

declare global {
  interface Window {
    semapMatchMap?: MlMap;
  }
}
