// The moderation queue: pending public submissions and the proposals the write policy held back from
// members and editors, oldest first, 20 a page, each with every field it changes (a correction's as
// current → proposed; private values only for admins), the possible duplicates found when it arrived,
// and approve / reject (with a reason). Contact and trust changes need an admin: an editor's approval is
// refused by the API with a 403, shown here.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson, postJson } from '../api/client';
import type { components } from '../api/schema';
import { Link } from '../app/Link';
import { useAppState } from '../app/store';
import { EMPTY_FILTERS } from '../app/url-state';
import { useI18n } from '../i18n';
import { LoadError } from './LoadError';
import { useNaceTitles } from './nace-titles';
import { DuplicateItem } from './DuplicateItem';
import { PageButtons, usePagedList, usePageStatus } from '../console/paging';
import { fieldLabel, valueText } from './words';
import { PlaceFields } from '../console/PlaceFields';
import { parsePlace, type LatLon } from '../console/place';

type Submission = components['schemas']['SubmissionOut'];
type Duplicate = components['schemas']['DuplicateCandidate'];
type Load<T> = { status: 'loading' } | { status: 'ready'; data: T } | { status: 'error'; error: unknown };
const PAGE = 20;

function nameOf(submission: Submission): string {
  const name = submission.payload.name;
  return typeof name === 'string' ? name : '';
}

/** Whether a proposed field says anything (the API fills every field, most with null or empty). */
function filled(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

function Duplicates({ id, token }: { id: number; token: string }) {
  const { t } = useI18n();
  const [load, setLoad] = useState<Load<Duplicate[]>>({ status: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    getJson('/api/v1/admin/submissions/{submission_id}/possible-duplicates', { path: { submission_id: id }, token, signal: controller.signal })
      .then((data) => setLoad({ status: 'ready', data }))
      .catch((error: unknown) => { if (!controller.signal.aborted) setLoad({ status: 'error', error }); });
    return () => controller.abort();
  }, [id, token]);
  if (load.status === 'loading') return <p class="muted">{t('results.loading')}</p>;
  if (load.status === 'error') return <p class="muted">{t('results.error')}</p>;
  if (!load.data.length) return <p class="muted">{t('admin.mod.noDuplicates')}</p>;
  return (
    <ul class="admin-duplicates">
      {load.data.map((d) => <li key={d.id}><DuplicateItem candidate={d} /></li>)}
    </ul>
  );
}

type Current = components['schemas']['EnterpriseDetail'];

/** A correction's organisation as it is now: its name and a link to its profile on the card. */
function useCurrent(organisationId: number | null | undefined, token: string): Current | null {
  const [current, setCurrent] = useState<Current | null>(null);
  useEffect(() => {
    if (organisationId == null) return undefined;
    const controller = new AbortController();
    getJson('/api/v1/enterprises/{key}', { path: { key: String(organisationId) }, token, signal: controller.signal })
      .then(setCurrent, () => setCurrent(null));
    return () => controller.abort();
  }, [organisationId, token]);
  return current;
}

/** Every field the submission changes, as the API lists them: current → proposed on a correction; a private
 * field (e-mail, contact person) only as "changed" unless the reader is an admin; a badge where only an
 * admin may approve. */
function ProposedFields({ submission }: { submission: Submission }) {
  const i18n = useI18n();
  const { t } = i18n;
  const shown = (field: string, value: unknown) => (filled(value) ? valueText(i18n, 'organisation', field, value) : '—');
  return (
    <dl class="console-fields">
      {submission.changes.map((change) => (
        <div key={change.field} data-field={change.field}>
          <dt>{fieldLabel(i18n, change.field)}{change.needs_admin && <span class="badge">{t('admin.mod.needsAdmin')}</span>}</dt>
          <dd>
            {change.masked ? <em>{t('admin.mod.masked')}</em> : <>
              {submission.kind !== 'new' && <><del>{shown(change.field, change.before)}</del> → </>}
              {shown(change.field, change.after)}
            </>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The point a submission proposes (a new enterprise's, or a correction's new place), if any. */
function proposedPoint(submission: Submission): LatLon | null {
  const location = submission.payload.location as { coordinates?: unknown } | null | undefined;
  const c = location?.coordinates;
  return Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number' ? { lat: c[1], lon: c[0] } : null;
}

/**
 * The proposed point on a map before approving: the moderator may drag it (or type it) to the right place,
 * and sees how far, and into which region, it moves from where the organisation is now (a correction) or
 * from where it was proposed (a new entry).
 */
function PointPreview({ submission, from, place, onChange }: {
  submission: Submission; from: LatLon | null; place: { lat: string; lon: string }; onChange: (lat: string, lon: string) => void;
}) {
  const { t } = useI18n();
  // One map at a time is opened: a page of twenty cards with a map each would exhaust the browser's WebGL.
  const [open, setOpen] = useState(false);
  return (
    <>
      <h4>{t('admin.mod.place')}</h4>
      <p><button type="button" class="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? t('admin.mod.hidePlace') : t('admin.mod.showPlace')}</button></p>
      {open && <>
        <p class="hint">{t('admin.mod.placeHint')}</p>
        <PlaceFields id={`submission-${submission.id}`} lat={place.lat} lon={place.lon} original={from} onChange={onChange}
          far={submission.kind === 'new' ? 'place.movedFarFromProposal' : 'place.movedFarFromCurrent'} />
      </>}
    </>
  );
}

function SubmissionCard({ submission, token, onDecided }: {
  submission: Submission; token: string; onDecided: (s: Submission, how: 'approved' | 'rejected') => void;
}) {
  const i18n = useI18n();
  const { t, f } = i18n;
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const state = useAppState();
  const headingId = `submission-${submission.id}`;
  const current = useCurrent(submission.kind === 'new' ? null : submission.organisation_id, token);
  const name = current?.name ?? nameOf(submission);
  const proposed = proposedPoint(submission);
  const [place, setPlace] = useState(() => (proposed ? { lat: String(proposed.lat), lon: String(proposed.lon) } : null));
  const currentPoint = current ? { lat: current.location.coordinates[1]!, lon: current.location.coordinates[0]! } : null;

  /** The approval's corrections: the point, when the moderator moved it; false while it is not a valid place. */
  function corrections(): { location?: { type: 'Point'; coordinates: [number, number] } } | false {
    if (!place || !proposed) return {};
    const moved = parsePlace(place.lat, place.lon);
    if (!moved) return false;
    return moved.lat === proposed.lat && moved.lon === proposed.lon ? {} : { location: { type: 'Point', coordinates: [moved.lon, moved.lat] } };
  }

  async function decide(how: 'approved' | 'rejected') {
    setBusy(true);
    setError(null);
    try {
      const path = { submission_id: submission.id };
      const body = corrections();
      if (how === 'approved' && body === false) {
        setError(t('form.fixFields'));
        setBusy(false);
        return;
      }
      const decided = how === 'approved'
        ? await postJson('/api/v1/admin/submissions/{submission_id}/approve', body || {}, { path, token })
        : await postJson('/api/v1/admin/submissions/{submission_id}/reject', { reason: reason.trim() }, { path, token });
      onDecided(decided, how);
    } catch (e) {
      setError(e instanceof ApiError && (e.status === 409 || e.status === 403) ? `${t('admin.mod.conflict')} ${e.message}` : t('form.error'));
      setBusy(false);
    }
  }

  return (
    <article class="console-card" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {submission.kind === 'new' ? t('admin.mod.kindNew') : t('admin.mod.kindCorrection')}
        {name ? `: ${name}` : ''}
      </h3>
      <p class="muted">
        {t('admin.mod.from', { name: submission.submitter_name, date: f.date(submission.created_at) })}
        {submission.submitter_email ? ` · ${submission.submitter_email}` : ''}
        {submission.kind !== 'new' && current && <> · <Link state={state} to={(st) => ({ ...st, route: { name: 'enterprise', slug: current.slug } })}>
          {t('admin.mod.currentProfile')}</Link></>}
        {submission.kind !== 'new' && !current && submission.organisation_id != null
          ? ` · ${t('admin.mod.organisation', { id: String(submission.organisation_id) })}` : ''}
      </p>
      {submission.message && <blockquote>{submission.message}</blockquote>}
      <h4>{t('admin.mod.fields')}</h4>
      {submission.needs_admin && <p class="hint">{t('admin.mod.needsAdminNote')}</p>}
      <ProposedFields submission={submission} />
      {place && <PointPreview submission={submission} from={submission.kind === 'new' ? proposed : currentPoint ?? proposed} place={place}
        onChange={(lat, lon) => setPlace({ lat, lon })} />}
      <h4>{t('admin.mod.duplicates')}</h4>
      <Duplicates id={submission.id} token={token} />
      <div class="console-card__actions">
        <button type="button" class="button button--primary" disabled={busy} onClick={() => decide('approved')}>
          {t('admin.mod.approve')}
        </button>
        <form class="console-inline-form" onSubmit={(e) => { e.preventDefault(); if (reason.trim()) void decide('rejected'); }}>
          <label for={`reason-${submission.id}`}>{t('admin.mod.reason')}</label>
          <input id={`reason-${submission.id}`} required value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          <button type="submit" class="button" disabled={busy}>{t('admin.mod.reject')}</button>
        </form>
      </div>
      {error && <p class="state state--error" role="alert">{error}</p>}
    </article>
  );
}

export function ModerationQueue({ token }: { token: string }) {
  useNaceTitles();
  const state = useAppState();
  const { t } = useI18n();
  const [decided, setDecided] = useState<{ submission: Submission; how: 'approved' | 'rejected' } | null>(null);
  const list = usePagedList<Submission>(token, (cursor, signal) =>
    getJson('/api/v1/admin/submissions', { query: { status: ['pending'], limit: PAGE, ...(cursor ? { cursor } : {}) }, token, signal })
      .then((page) => ({ items: page.items, next: page.next_cursor })));
  const status = usePageStatus(list);

  function onDecided(submission: Submission, how: 'approved' | 'rejected') {
    setDecided({ submission, how });
    list.update((items) => items.filter((s) => s.id !== submission.id));
  }

  const decidedName = decided ? nameOf(decided.submission) : '';
  return (
    <section aria-labelledby="moderation-heading">
      <h2 id="moderation-heading">{t('admin.tab.moderation')}</h2>
      <div role="status" aria-live="polite">
        {decided && (
          <p class="state state--ok">
            {decided.how === 'approved' ? t('admin.mod.approved') : t('admin.mod.rejected')}
            {decided.how === 'approved' && decidedName && <> <Link state={state}
              to={(s) => ({ ...s, route: { name: 'map' }, filters: { ...EMPTY_FILTERS, q: decidedName }, selected: null, around: null })}>
              {t('admin.mod.showOnMap', { name: decidedName })}</Link></>}
          </p>
        )}
        {list.load.status === 'loading' && <p>{t('results.loading')}</p>}
        {/* The API gives no total: a single page is the whole queue, else the page is described. */}
        {list.load.status === 'ready' && <p>{list.number === 1 && !list.hasNext
          ? t('admin.mod.count', { count: list.load.page.items.length }) : status}</p>}
      </div>
      {list.load.status === 'error' ? <LoadError error={list.load.error} retry={list.reload} /> : <>
        {list.load.status === 'ready' && list.load.page.items.map((submission) => (
          <SubmissionCard key={submission.id} submission={submission} token={token} onDecided={onDecided} />
        ))}
        <PageButtons list={list} label={t('admin.page.of', { list: t('admin.tab.moderation') })} />
      </>}
    </section>
  );
}
