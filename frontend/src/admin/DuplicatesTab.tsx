// Duplicate review (admins): pairs of organisations the API suspects are one (the same registration code,
// or a similar name close by), a page at a time as the API scans. Each pair opens both profiles; merging
// asks which one stays and confirms first, because the other is archived and its offerings, memberships,
// requests and tokens move to the one that stays.
import { useState } from 'preact/hooks';
import { ApiError, getJson, postJson } from '../api/client';
import type { components } from '../api/schema';
import { Link } from '../app/Link';
import { useAppState } from '../app/store';
import { ConfirmDialog } from '../console/ConfirmDialog';
import { PageButtons, usePagedList, usePageStatus } from '../console/paging';
import { useI18n } from '../i18n';
import { LoadError } from './LoadError';

type Pair = components['schemas']['DuplicatePair'];
const PAGE = 20;
const keyOf = (pair: Pair) => `${pair.first_id}-${pair.second_id}`;

interface Merge {
  pair: Pair;
  survivor: number;
}

function PairCard({ pair, onMerge }: { pair: Pair; onMerge: (survivor: number) => void }) {
  const { t, f } = useI18n();
  const state = useAppState();
  const [survivor, setSurvivor] = useState(pair.first_id);
  const id = keyOf(pair);
  const profile = (orgId: number, name: string) => (
    <Link state={state} to={(s) => ({ ...s, route: { name: 'enterprise', slug: String(orgId) } })}>{name}</Link>
  );
  const why = pair.reason === 'same_registration_code' ? t('admin.dup.sameCode')
    : t('admin.dup.nearby', { metres: f.number(Math.round(pair.distance_m ?? 0)), percent: f.number(Math.round((pair.similarity ?? 0) * 100)) });
  return (
    <article class="console-card" aria-labelledby={`dup-${id}`}>
      <h3 id={`dup-${id}`}>{pair.first_name} · {pair.second_name}</h3>
      <p class="muted">{why}</p>
      <ul>
        <li>{profile(pair.first_id, pair.first_name)} (#{pair.first_id})</li>
        <li>{profile(pair.second_id, pair.second_name)} (#{pair.second_id})</li>
      </ul>
      <fieldset class="field">
        <legend>{t('admin.dup.keep')}</legend>
        {[[pair.first_id, pair.first_name], [pair.second_id, pair.second_name]].map(([orgId, name]) => (
          <label key={orgId}><input type="radio" name={`dup-keep-${id}`} checked={survivor === orgId}
            onChange={() => setSurvivor(Number(orgId))} /> {name} (#{orgId})</label>
        ))}
      </fieldset>
      <div class="console-card__actions">
        <button type="button" class="button button--danger" onClick={() => onMerge(survivor)}>{t('admin.dup.merge')}</button>
      </div>
    </article>
  );
}

export function DuplicatesTab({ token }: { token: string }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState<Merge | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const list = usePagedList<Pair>(token, (cursor, signal) =>
    getJson('/api/v1/admin/duplicates', { query: { limit: PAGE, ...(cursor ? { cursor } : {}) }, token, signal })
      .then((page) => ({ items: page.items, next: page.next_cursor })));
  const status = usePageStatus(list);
  const names = (m: Merge) => m.survivor === m.pair.first_id ? [m.pair.first_name, m.pair.second_name] : [m.pair.second_name, m.pair.first_name];

  async function merge({ pair, survivor }: Merge) {
    setAsking(null);
    const merged = survivor === pair.first_id ? pair.second_id : pair.first_id;
    const [kept, gone] = names({ pair, survivor });
    try {
      await postJson('/api/v1/admin/duplicates/merge', { survivor, merged }, { token });
      setMessage(t('admin.dup.merged', { gone: gone!, kept: kept! }));
      list.update((items) => items.filter((p) => ![p.first_id, p.second_id].includes(merged)));
    } catch (e) {
      setMessage(e instanceof ApiError && (e.status === 404 || e.status === 409) ? t('admin.dup.gone') : t('form.error'));
      list.reload();
    }
  }

  return (
    <section aria-labelledby="dup-heading">
      <h2 id="dup-heading">{t('admin.tab.duplicates')}</h2>
      <p class="hint">{t('admin.dup.intro')}</p>
      <div role="status" aria-live="polite">
        {message && <p>{message}</p>}
        <p>{list.load.status === 'loading' ? t('results.loading') : status}</p>
      </div>
      {list.load.status === 'error' ? <LoadError error={list.load.error} retry={list.reload} /> : <>
        {list.load.status === 'ready' && (list.load.page.items.length === 0
          ? <p class="muted">{list.hasNext ? t('admin.dup.noneHere') : t('admin.dup.none')}</p>
          : list.load.page.items.map((p) => <PairCard key={keyOf(p)} pair={p} onMerge={(survivor) => setAsking({ pair: p, survivor })} />))}
        <PageButtons list={list} label={t('admin.page.of', { list: t('admin.tab.duplicates') })} />
      </>}
      <ConfirmDialog id="merge-duplicates" open={asking !== null}
        title={asking ? t('admin.dup.question', { gone: names(asking)[1]!, kept: names(asking)[0]! }) : ''}
        confirmLabel={t('admin.dup.merge')} onConfirm={() => asking && void merge(asking)} onCancel={() => setAsking(null)}>
        <p>{t('admin.dup.warning')}</p>
      </ConfirmDialog>
    </section>
  );
}
