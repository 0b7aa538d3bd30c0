import { navigate, useAppState } from '../app/store';
import { useI18n } from '../i18n';

const RADII_KM = [5, 10, 25, 50, 100, 250];

/** The search circle ("near me" or a point picked on the map): its radius, or none. */
export function AroundBar() {
  const { around } = useAppState();
  const { t, f } = useI18n();
  if (!around) return <p class="hint">{t('around.hint')}</p>;
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
