// The place of an organisation as an editor sets it (the members' profile, the moderator's preview of a
// proposed point): a map with a draggable pin, latitude and longitude checked as they are typed with the
// error under its own field, and a warning when the pin has moved more than a few kilometres or into
// another region or country (GET /api/v1/regions/at for the old and the new place).
import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson, type JsonOf } from '../api/client';
import { Field } from '../forms/Field';
import { useI18n, type MessageKey } from '../i18n';
import { PinMap } from './PinMap';
import { coordinateProblem, distanceKm, FAR_KM, parsePlace, type LatLon } from './place';

type RegionAt = JsonOf<'/api/v1/regions/at'>;
/** A region, none there (404), or not known (the lookup failed: no warning rather than a wrong one). */
type Found = RegionAt | 'none' | null;

function useRegionAt(place: LatLon | null): Found {
  const [found, setFound] = useState<Found>(null);
  const key = place ? `${place.lat.toFixed(5)},${place.lon.toFixed(5)}` : '';
  useEffect(() => {
    setFound(null);
    if (!place) return undefined;
    const controller = new AbortController();
    // Typing sends one lookup when the typing pauses, not one per key.
    const timer = setTimeout(() => {
      getJson('/api/v1/regions/at', { query: { lat: place.lat, lon: place.lon }, signal: controller.signal })
        .then(setFound, (e: unknown) => { if (!controller.signal.aborted) setFound(e instanceof ApiError && e.status === 404 ? 'none' : null); });
    }, 300);
    return () => { clearTimeout(timer); controller.abort(); };
  }, [key]);
  return found;
}

/** What to point out about a move from `from` to `to`: far, another country, another region, or nowhere. */
function useMoveWarnings(from: LatLon | null, to: LatLon | null, far: MessageKey): string[] {
  const { t, f, lang, code } = useI18n();
  const moved = from !== null && to !== null && (from.lat !== to.lat || from.lon !== to.lon);
  const before = useRegionAt(moved ? from : null);
  const after = useRegionAt(moved ? to : null);
  if (!moved) return [];
  const warnings: string[] = [];
  const km = distanceKm(from, to);
  if (km > FAR_KM) warnings.push(t(far, { km: f.number(Math.round(km * 10) / 10) }));
  if (after === 'none') warnings.push(t('place.outside'));
  else if (before && before !== 'none' && after) {
    if (before.country !== after.country) {
      warnings.push(t('place.crossedCountry', { from: code('country', before.country), to: code('country', after.country) }));
    } else if (before.code !== after.code) {
      warnings.push(t('place.crossedRegion', { from: before.names[lang], to: after.names[lang] }));
    }
  }
  return warnings;
}

interface Props {
  id: string;
  lat: string;
  lon: string;
  /** The place as saved (or as proposed), to measure a move from. */
  original: LatLon | null;
  /** The API's errors of the two fields, shown while the typed value itself is fine. */
  errors?: { lat?: string | undefined; lon?: string | undefined };
  onChange: (lat: string, lon: string) => void;
  /** How a far move is worded: from the saved place (a profile) or from the proposed one (moderation). */
  far?: MessageKey;
}

export function PlaceFields({ id, lat, lon, original, errors = {}, onChange, far = 'place.movedFar' }: Props) {
  const { t } = useI18n();
  const place = parsePlace(lat, lon);
  const warnings = useMoveWarnings(original, place, far);
  const problem = { lat: coordinateProblem('lat', lat), lon: coordinateProblem('lon', lon) };
  const shown = place ?? original;
  return (
    <div class="place-fields">
      {shown && <PinMap lat={shown.lat} lon={shown.lon} onMove={(newLat, newLon) => onChange(String(newLat), String(newLon))} />}
      <div role="status" aria-live="polite">
        {warnings.length > 0 && <div class="state state--warning">{warnings.map((w) => <p key={w}>{w}</p>)}</div>}
      </div>
      {(['lat', 'lon'] as const).map((axis) => (
        <Field key={axis} id={`${id}-${axis}`} label={t(axis === 'lat' ? 'member.field.lat' : 'member.field.lon')}
          hint={t(axis === 'lat' ? 'place.latHint' : 'place.lonHint')} error={problem[axis] ? t(problem[axis]) : errors[axis]}>
          {(attrs) => <input {...attrs} type="text" inputMode="decimal" autoComplete="off" value={axis === 'lat' ? lat : lon}
            onInput={(e) => (axis === 'lat' ? onChange(e.currentTarget.value, lon) : onChange(lat, e.currentTarget.value))} />}
        </Field>
      ))}
    </div>
  );
}
