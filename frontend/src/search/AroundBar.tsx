import { navigate, useAppState } from '../app/store';
import { useI18n } from '../i18n';
import { HOME_BOUNDS } from '../map/style';

const RADII_KM = [5, 10, 25, 50, 100, 250];

/** The search circle ("near me" or a point picked on the map): its radius, or none. */
export function AroundBar() {
  const { around, view } = useAppState();
  const { t, f } = useI18n();
  if (!around) {
    // The keyboard's way to what a right click or a long press does on the map.
    const [west, south, east, north] = HOME_BOUNDS;
    const centre = view ?? { lng: (west + east) / 2, lat: (south + north) / 2 };
    return (
      <p class="hint">
        {t('around.hint')}{' '}
        <button type="button" class="link-button"
          onClick={() => navigate({ around: { lng: centre.lng, lat: centre.lat, radiusKm: 25 } })}>
          {t('around.centre')}
        </button>
      </p>
    );
  }
  const radii = RADII_KM.includes(around.radiusKm) ? RADII_KM : [...RADII_KM, around.radiusKm].sort((a, b) => a - b);
  return (
    <div class="around" role="group" aria-label={t('around.label')}>
      <label for="around-radius">{t('around.radius')}</label>
      <select id="around-radius" value={String(around.radiusKm)}
        onChange={(e) => navigate({ around: { ...around, radiusKm: Number(e.currentTarget.value) } })}>
        {radii.map((km) => <option key={km} value={km}>{f.distanceKm(km)}</option>)}
      </select>
      <button type="button" class="button" onClick={() => navigate({ around: null })}>{t('around.clear')}</button>
    </div>
  );
}
