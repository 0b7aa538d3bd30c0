// The organisation's whole profile as its member keeps it current: identity and contact, descriptions
// in the four languages, activity and impact (NACE sectors, impact areas, beneficiaries,
// certifications), staff and turnover, service area and opening hours, and the place (a draggable pin).
// PATCH sends only what changed, with If-Match; after a 412 the other version is loaded with this
// member's edits on top (profile-form.ts `rebase`). Changes to contact and trust fields (e-mail, contact
// person, registration code, certifications, reserved-contract eligibility) are held by the API as a
// proposal for the cluster's staff; the message names them.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, getTagged, patchJson } from '../api/client';
import type { components } from '../api/schema';
import { CheckList } from '../forms/CheckList';
import { CodePicker, type PickerItem } from '../forms/CodePicker';
import { errorsByField, Field, type FieldErrors } from '../forms/Field';
import { fieldMessage } from '../forms/field-errors';
import { useI18n, LANGUAGES, LOCALES, AUTONYMS, type I18n } from '../i18n';
import {
  BENEFICIARIES, CERTIFICATIONS, COUNTRIES, IMPACTS, labelOf, loadNace, type CodeItem, type NaceItem,
} from '../taxonomies/labels';
import { fieldLabel } from '../admin/words';
import { OpeningHoursField } from './OpeningHoursField';
import { PlaceFields } from '../console/PlaceFields';
import { coordinateProblem, type LatLon } from '../console/place';
import { formOf, patchOf, rebase, type ProfileForm } from './profile-form';
import type { MemberSession } from './session';

type Detail = components['schemas']['EnterpriseDetail'];
type Update = (patch: Partial<ProfileForm>) => void;
interface SectionProps {
  form: ProfileForm;
  update: Update;
  errors: FieldErrors;
}

/** Languages an organisation in RO, MD or UA is likely to work in (ISO 639-1), plus any it already lists. */
const SPOKEN = ['ro', 'uk', 'ru', 'en', 'hu', 'de', 'fr', 'bg', 'pl', 'sk', 'sr', 'it', 'es', 'tr'];
const NACE_DEPTH: Record<string, number> = { division: 0, group: 1, class: 2 };

function useNaceItems(): PickerItem[] {
  const { lang } = useI18n();
  const [nace, setNace] = useState<NaceItem[]>([]);
  useEffect(() => void loadNace().then((all) => setNace([...all.values()]), () => setNace([])), []);
  // Sections (letters) group divisions but are not codes an organisation may list.
  return nace.filter((i) => i.level in NACE_DEPTH)
    .map((i) => ({ code: i.code, label: labelOf(i, lang, i.code), depth: NACE_DEPTH[i.level] ?? 0, keywords: i.label.en ?? '' }));
}

function TextField({ name, label, form, update, errors, type = 'text', hint }: SectionProps & {
  name: keyof ProfileForm; label: string; type?: string; hint?: string;
}) {
  return (
    <Field id={`member-${name}`} label={label} error={errors[name]} {...(hint ? { hint } : {})}>
      {(attrs) => <input {...attrs} type={type} value={form[name] as string}
        {...(type === 'number' ? { inputMode: 'decimal' as const, step: 'any' } : {})}
        onInput={(e) => update({ [name]: e.currentTarget.value })} />}
    </Field>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <fieldset class="profile-section" aria-labelledby={`${id}-legend`}>
      <legend id={`${id}-legend`}>{title}</legend>
      {children}
    </fieldset>
  );
}

function IdentitySection(props: SectionProps) {
  const { t } = useI18n();
  return (
    <Section id="member-identity" title={t('member.section.identity')}>
      <TextField {...props} name="name" label={t('member.field.name')} />
      <TextField {...props} name="legal_form" label={t('member.field.legalForm')} />
      <TextField {...props} name="registration_code" label={t('member.field.registrationCode')} />
      <TextField {...props} name="founded_year" label={t('member.field.foundedYear')} type="number" />
      <TextField {...props} name="contact_person" label={t('member.field.contact')} />
      <TextField {...props} name="email" label={t('member.field.email')} type="email" />
      <TextField {...props} name="phone" label={t('member.field.phone')} type="tel" />
      <TextField {...props} name="website" label={t('member.field.website')} type="url" />
    </Section>
  );
}

function AboutSection({ form, update, errors }: SectionProps) {
  const { t, lang } = useI18n();
  const names = new Intl.DisplayNames([LOCALES[lang]], { type: 'language' });
  const spoken = [...new Set([...SPOKEN, ...form.languages])];
  return (
    <Section id="member-about" title={t('member.section.about')}>
      {LANGUAGES.map((l) => (
        <Field key={l} id={`member-description-${l}`} label={t('member.field.descriptionIn', { language: AUTONYMS[l] })}
          error={l === LANGUAGES[0] ? errors.description : undefined}>
          {(attrs) => <textarea {...attrs} lang={l} rows={3} value={form.description[l] ?? ''}
            onInput={(e) => update({ description: { ...form.description, [l]: e.currentTarget.value } })} />}
        </Field>
      ))}
      <CheckList id="member-languages" legend={t('member.field.languages')} selected={form.languages}
        options={spoken.map((c) => [c, names.of(c) ?? c])} onChange={(languages) => update({ languages })} error={errors.languages} />
    </Section>
  );
}

function ActivitySection({ form, update, errors }: SectionProps) {
  const { t, lang } = useI18n();
  const nace = useNaceItems();
  const options = (items: CodeItem[]): [string, string][] => items.map((i) => [i.code, labelOf(i, lang, i.code)]);
  return (
    <Section id="member-activity" title={t('member.section.activity')}>
      <CodePicker id="member-sectors" items={nace} selected={form.sectors} max={20} error={errors.sectors}
        onChange={(sectors) => update({ sectors })} texts={{
          legend: t('member.sectors.legend'), search: t('member.sectors.search'), chosen: t('member.sectors.chosen'),
          none: t('member.sectors.none'), remove: (name) => t('match.removeCategory', { name }),
        }} />
      <CheckList id="member-impact_areas" legend={t('member.field.impacts')} options={options(IMPACTS)}
        selected={form.impact_areas} onChange={(impact_areas) => update({ impact_areas })} error={errors.impact_areas} />
      <CheckList id="member-beneficiary_groups" legend={t('member.field.beneficiaries')} options={options(BENEFICIARIES)}
        selected={form.beneficiary_groups} onChange={(beneficiary_groups) => update({ beneficiary_groups })} error={errors.beneficiary_groups} />
      <CheckList id="member-certifications" legend={t('member.field.certifications')} options={options(CERTIFICATIONS)}
        selected={form.certifications} onChange={(certifications) => update({ certifications })} error={errors.certifications} />
    </Section>
  );
}

function FiguresSection(props: SectionProps) {
  const { t } = useI18n();
  return (
    <Section id="member-figures" title={t('member.section.figures')}>
      <TextField {...props} name="employees_total" label={t('member.field.employeesTotal')} type="number" />
      <TextField {...props} name="employees_vulnerable" label={t('member.field.employeesVulnerable')} type="number"
        hint={t('member.field.employeesVulnerableHint')} />
      <TextField {...props} name="annual_turnover_eur" label={t('member.field.turnover')} type="number" />
    </Section>
  );
}

function ServiceSection(props: SectionProps) {
  const { t, code } = useI18n();
  const { form, update, errors } = props;
  return (
    <Section id="member-service" title={t('member.section.service')}>
      <TextField {...props} name="service_radius_km" label={t('member.field.serviceRadius')} type="number" />
      <CheckList id="member-service_countries" legend={t('member.field.serviceCountries')}
        options={COUNTRIES.map((c) => [c, code('country', c)])} selected={form.service_countries}
        onChange={(service_countries) => update({ service_countries })} error={errors.service_countries} />
      {/* Follows the evidence staff verified (the "Reserved contracts" section): shown, never edited here. */}
      <p class="hint">{t(form.reserved_contract_eligible ? 'member.field.reservedYes' : 'member.field.reservedNo')}</p>
      <OpeningHoursField value={form.opening_hours} onChange={(opening_hours) => update({ opening_hours })} error={errors.opening_hours} />
    </Section>
  );
}

function PlaceSection(props: SectionProps & { original: LatLon }) {
  const { t } = useI18n();
  const { form, update, errors, original } = props;
  return (
    <Section id="member-place" title={t('member.location')}>
      <TextField {...props} name="locality" label={t('member.field.locality')} />
      <TextField {...props} name="address" label={t('member.field.address')} />
      <p class="hint">{t('member.locationHint')}</p>
      <PlaceFields id="member" lat={form.lat} lon={form.lon} original={original} errors={{ lat: errors.lat, lon: errors.lon }}
        onChange={(lat, lon) => update({ lat, lon })} />
    </Section>
  );
}

/** The API's field errors by form field: a coordinate's error under its own field (GeoJSON puts the
 * longitude first), the place's other errors under the latitude. */
function formErrors(error: ApiError, i18n: I18n): FieldErrors {
  const byField = errorsByField(error.errors, i18n);
  for (const e of error.errors) {
    const axis = /\/location\/coordinates\/([01])/.exec(e.pointer)?.[1];
    if (axis) byField[axis === '0' ? 'lon' : 'lat'] = fieldMessage(e, i18n);
  }
  if (byField.location && !byField.lat && !byField.lon) byField.lat = byField.location;
  return byField;
}

export function ProfileEditor({ session, initial, initialEtag }: { session: MemberSession; initial: Detail; initialEtag: string | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [stored, setStored] = useState(initial);
  const [etag, setEtag] = useState<string | null>(initialEtag);
  const [form, setForm] = useState(() => formOf(initial));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const update: Update = (patch) => setForm((f) => ({ ...f, ...patch }));

  async function loadCurrent(): Promise<void> {
    const { data, etag: tag } = await getTagged('/api/v1/enterprises/{key}', { path: { key: String(stored.id) }, token: session.token });
    setForm((mine) => rebase(mine, stored, data));
    setStored(data);
    setEtag(tag);
    setMessage({ ok: false, text: t('member.profileConflict') });
  }

  async function save(): Promise<void> {
    const body = patchOf(form, stored);
    if (!Object.keys(body).length) {
      setMessage({ ok: true, text: t('member.unchanged') });
      return;
    }
    try {
      const { data, etag: tag } = await patchJson('/api/v1/enterprises/{key}', body, { path: { key: String(stored.id) }, token: session.token, ifMatch: etag });
      const saved = { ...stored, ...data };
      setStored(saved);
      setForm(formOf(saved));
      setEtag(tag);
      // Contact and trust fields are the cluster's to verify: the API held them as a proposal.
      const held = data.proposal?.fields.map((name) => fieldLabel(i18n, name)).join(', ');
      setMessage({ ok: true, text: held ? t('member.proposed', { fields: held }) : t('member.saved') });
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) await loadCurrent().catch(() => setMessage({ ok: false, text: t('form.error') }));
      else if (e instanceof ApiError && e.status === 422 && e.errors.length) {
        setErrors(formErrors(e, i18n));
        setMessage({ ok: false, text: t('form.fixFields') });
      } else setMessage({ ok: false, text: e instanceof ApiError ? `${t('form.error')} ${e.message}` : t('form.error') });
    }
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (coordinateProblem('lat', form.lat) || coordinateProblem('lon', form.lon)) {
      setMessage({ ok: false, text: t('form.fixFields') });
      return;
    }
    setBusy(true);
    setErrors({});
    setMessage(null);
    await save();
    setBusy(false);
  }

  const props = { form, update, errors };
  return (
    <section aria-labelledby="member-profile-heading" class="console-card">
      <h2 id="member-profile-heading">{t('member.profile')}</h2>
      <form onSubmit={submit} noValidate class="profile-form">
        <IdentitySection {...props} />
        <AboutSection {...props} />
        <ActivitySection {...props} />
        <FiguresSection {...props} />
        <ServiceSection {...props} />
        <PlaceSection {...props} original={{ lat: stored.location.coordinates[1]!, lon: stored.location.coordinates[0]! }} />
        <p class="profile-form__actions">
          <button type="submit" class="button button--primary" disabled={busy}>{t('member.save')}</button>
        </p>
        <div role="status" aria-live="polite">
          {message && <p class={`state ${message.ok ? 'state--ok' : 'state--error'}`}>{message.text}</p>}
        </div>
      </form>
    </section>
  );
}
