// The organisation's place on the members' profile form: a map whose pin can be dragged, in step with
// the form's latitude and longitude fields. MapLibre loads on demand, as on the other pages.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { createSmallMap } from '../map/small-map';

/** A map whose pin can be dragged; the form's latitude and longitude fields move it too. */
export function PinMap({ lat, lon, onMove }: { lat: number; lon: number; onMove: (lat: number, lon: number) => void }) {
  const { t, code } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const marker = useRef<{ setLngLat(p: [number, number]): unknown } | null>(null);
  const move = useRef(onMove);
  move.current = onMove;
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let map: { remove(): void } | null = null;
    let disposed = false;
    if (!container.current) return undefined;
    createSmallMap(container.current, (c) => code('country', c), { center: [lon, lat], zoom: 7 }).then((made) => {
      if (!made) return setFailed(true);
      if (disposed) return made.map.remove();
      const pin = new made.ml.Marker({ draggable: true, color: '#1d4e89' }).setLngLat([lon, lat]).addTo(made.map);
      pin.getElement().setAttribute('aria-label', t('member.pin'));
      pin.on('dragend', () => {
        const p = pin.getLngLat();
        move.current(Number(p.lat.toFixed(6)), Number(p.lng.toFixed(6)));
      });
      marker.current = pin;
      (window as unknown as { semapPinMap?: unknown }).semapPinMap = made.map;
      map = made.map;
    }, () => setFailed(true));
    return () => {
      disposed = true;
      marker.current = null;
      map?.remove();
    };
  }, []);
  useEffect(() => {
    if (Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180) marker.current?.setLngLat([lon, lat]);
  }, [lat, lon]);
  return failed ? <p class="state">{t('map.error')}</p>
    : <div ref={container} class="mini-map member-map" data-testid="pin-map" role="group" aria-label={t('member.mapLabel')} />;
}
