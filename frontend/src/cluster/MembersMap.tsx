import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { createSmallMap } from '../map/small-map';

export interface MemberFeature {
  id: number;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: { slug: string; name: string; kind: string; locality: string | null; role: string };
}

/** The cluster's members as points on a small map framed on them (the list beside it is the accessible view). */
export function MembersMap({ members }: { members: MemberFeature[] }) {
  const { t, code, lang } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!container.current || members.length === 0) return undefined;
    let map: { remove(): void } | null = null;
    let disposed = false;
    const lngs = members.map((m) => m.geometry.coordinates[0]);
    const lats = members.map((m) => m.geometry.coordinates[1]);
    const bounds: [number, number, number, number] = [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
    createSmallMap(container.current, (c) => code('country', c), { bounds, fitBoundsOptions: { padding: 30 }, interactive: false }).then((made) => {
      if (!made) return setFailed(true);
      if (disposed) return made.map.remove();
      const m = made.map;
      m.on('load', () => {
        m.addSource('members', { type: 'geojson', data: { type: 'FeatureCollection', features: members.map((f) => ({ ...f, type: 'Feature' as const })) } });
        m.addLayer({ id: 'members', type: 'circle', source: 'members',
          paint: { 'circle-radius': 6, 'circle-color': '#1d4e89', 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 } });
      });
      map = m;
    }, () => setFailed(true));
    return () => {
      disposed = true;
      map?.remove();
    };
  }, [members, lang]);
  if (failed) return <p class="state">{t('map.error')}</p>;
  return <div ref={container} class="mini-map cluster-map" role="img" aria-label={t('cluster.mapLabel', { count: members.length })} />;
}
