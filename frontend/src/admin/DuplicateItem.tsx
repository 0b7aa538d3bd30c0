// One organisation that a submission or an imported row may duplicate: linked to its profile, with why
// it looks alike (the same registration code, or a similar name nearby).
import type { components } from '../api/schema';
import { Link } from '../app/Link';
import { useAppState } from '../app/store';
import { useI18n } from '../i18n';

type Duplicate = components['schemas']['DuplicateCandidate'];

export function DuplicateItem({ candidate: d }: { candidate: Duplicate }) {
  const state = useAppState();
  const { t, f, code } = useI18n();
  return (
    <>
      <Link state={state} to={(s) => ({ ...s, route: { name: 'enterprise', slug: d.slug } })}>{d.name}</Link>
      {' '}({code('country', d.country)}) — {d.reason === 'same_registration_code'
        ? t('admin.mod.sameCode', { code: d.registration_code ?? '' })
        : t('admin.mod.nearby', { distance: d.distance_m != null ? f.distanceKm(d.distance_m / 1000) : '?' })}
    </>
  );
}
