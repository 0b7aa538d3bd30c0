// The organisation's place on the members' profile form: a map whose pin can be dragged, in step with
// the form's latitude and longitude fields. MapLibre loads on demand, as on the other pages.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { mapStyle } from '../map/style';

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
    Promise.all([import('maplibre-gl'), import('../map/controller'), mapStyle(location.origin, (c) => code('country', c))])
      .then(([ml, { supportsWebGL }, style]) => {
        if (disposed || !container.current) return;
        if (!supportsWebGL()) {
          setFailed(true);
          return;
        }
        const m = new ml.Map({
          container: container.current, style, center: [lon, lat], zoom: 7,
          attributionControl: false,
        });
        const pin = new ml.Marker({ draggable: true, color: '#1d4e89' }).setLngLat([lon, lat]).addTo(m);
        pin.getElement().setAttribute('aria-label', t('member.pin'));
        pin.on('dragend', () => {
          const p = pin.getLngLat();
          move.current(Number(p.lat.toFixed(6)), Number(p.lng.toFixed(6)));
        });
        marker.current = pin;
        (window as unknown as { semapPinMap?: unknown }).semapPinMap = m;
        map = m;
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
