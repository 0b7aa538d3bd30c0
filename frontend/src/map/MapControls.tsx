import { useState } from 'preact/hooks';
import { navigate, useAppState } from '../app/store';
import { useI18n } from '../i18n';
import type { EnterpriseMap } from './controller';

const NEAR_ME_RADIUS_KM = 25;

/** Zoom, initial view and "near me", as real buttons with translated names. */
export function MapControls({ map }: { map: EnterpriseMap | null }) {
  const { t } = useI18n();
  const { choropleth } = useAppState();
  const [locating, setLocating] = useState(false);
  const [geoError, setGeoError] = useState<string | null>(null);

  function nearMe() {
    if (!('geolocation' in navigator)) {
      setGeoError(t('map.geoUnsupported'));
      return;
    }
    setLocating(true);
    setGeoError(null);
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        setLocating(false);
        navigate({ around: { lat: coords.latitude, lng: coords.longitude, radiusKm: NEAR_ME_RADIUS_KM } });
      },
      () => {
        setLocating(false);
        setGeoError(t('map.geoError'));
      },
      { timeout: 15000, maximumAge: 60000 },
    );
  }

  return (
    <div class="map-controls">
      <button type="button" class="map-button" onClick={() => map?.zoomBy(1)} aria-label={t('map.zoomIn')} title={t('map.zoomIn')}>+</button>
      <button type="button" class="map-button" onClick={() => map?.zoomBy(-1)} aria-label={t('map.zoomOut')} title={t('map.zoomOut')}>−</button>
      <button type="button" class="map-button" onClick={() => navigate({ view: null })} aria-label={t('map.reset')} title={t('map.reset')}>⌂</button>
      <button type="button" class="map-button map-button--wide" onClick={nearMe} disabled={locating} aria-busy={locating}>
        {locating ? t('map.locating') : t('map.nearMe')}
      </button>
      <button type="button" class="map-button map-button--wide" aria-pressed={choropleth}
        onClick={() => navigate({ choropleth: !choropleth })}>
        {t('map.choropleth')}
      </button>
      {geoError && <p class="map-controls__error" role="alert">{geoError}</p>}
    </div>
  );
}
