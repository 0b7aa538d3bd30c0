// The tender radar (/tenders): open public tenders imported from OCDS feeds (Prozorro, MTender…), soonest
// deadline first, each lot with the enterprises that fit it best; and one tender's page (/tenders/{id}),
// which links to the buyer's original notice, where offers are made.
import { useEffect, useState } from 'preact/hooks';
import { getJson, type JsonOf } from '../api/client';
import { Link } from '../app/Link';
import { useAppState } from '../app/store';
import { useI18n } from '../i18n';
import { LotCard, type Tender } from './TenderLots';

type Page = JsonOf<'/api/v1/tenders'>;
const COUNTRIES = ['RO', 'MD', 'UA'] as const;
type Country = (typeof COUNTRIES)[number];

function Deadline({ tender }: { tender: Tender }) {
  const { t, f } = useI18n();
  if (!tender.deadline) return null;
  return <span>{tender.open ? t('tenders.deadline', { date: f.date(tender.deadline) }) : t('tenders.closed')}</span>;
}

export function TendersPage() {
  const { t, f, code } = useI18n();
  const state = useAppState();
  const [country, setCountry] = useState<Country | ''>('');
  const [reserved, setReserved] = useState(false);
  const [page, setPage] = useState<Page | null>(null);
  const [more, setMore] = useState<Tender[]>([]);
  const [failed, setFailed] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => { document.title = `${t('tenders.title')} · ${t('app.title')}`; }, [t]);
  useEffect(() => {
    const controller = new AbortController();
    setFailed(false);
    setMore([]);
    getJson('/api/v1/tenders', {
      query: { open: true, limit: 20, ...(country ? { country: [country] } : {}), ...(reserved ? { reserved: true } : {}) },
      signal: controller.signal,
    }).then(setPage, () => { if (!controller.signal.aborted) setFailed(true); });
    return () => controller.abort();
  }, [country, reserved, attempt]);

  async function loadMore(cursor: string) {
    try {
      const next = await getJson('/api/v1/tenders', {
        query: { open: true, limit: 20, cursor, ...(country ? { country: [country] } : {}), ...(reserved ? { reserved: true } : {}) },
      });
      setMore((list) => [...list, ...next.items]);
      setPage((p) => (p ? { ...p, next_cursor: next.next_cursor } : p));
    } catch {
      setFailed(true);
    }
  }

  const tenders = page ? [...page.items, ...more] : [];
  return (
    <main id="main" class="page tenders-page">
      <h1>{t('tenders.title')}</h1>
      <p class="cluster-page__lead">{t('tenders.lead')}</p>
      <div class="tenders-filters">
        <label for="tenders-country">{t('filters.country')}</label>{' '}
        <select id="tenders-country" value={country} onChange={(e) => setCountry(e.currentTarget.value as Country | '')}>
          <option value="">{t('tenders.anyCountry')}</option>
          {COUNTRIES.map((c) => <option key={c} value={c}>{code('country', c)}</option>)}
        </select>{' '}
        <label><input type="checkbox" checked={reserved} onChange={(e) => setReserved(e.currentTarget.checked)} /> {t('tenders.reservedOnly')}</label>
      </div>
      {failed ? (
        <div class="state state--error" role="alert"><p>{t('results.error')}</p>
          <button type="button" class="button" onClick={() => setAttempt((n) => n + 1)}>{t('results.retry')}</button></div>
      ) : !page ? <p role="status">{t('results.loading')}</p>
        : tenders.length === 0 ? <p class="muted">{t('tenders.none')}</p> : (
          <ul class="tender-list">
            {tenders.map((tender) => (
              <li key={tender.id} class="admin-card">
                <h2 class="tender-list__title">
                  <Link state={state} to={(s) => ({ ...s, route: { name: 'tender', id: tender.id } })}>{tender.title}</Link>
                </h2>
                <p class="muted">{tender.buyer.name}{tender.country ? ` · ${code('country', tender.country)}` : ''} · <Deadline tender={tender} /></p>
                {tender.value && <p>{f.money(tender.value.amount, tender.value.currency ?? 'EUR')}</p>}
                <p>{t('tenders.lots', { count: tender.lots.length })}
                  {tender.lots.some((l) => l.reserved) && <> · <span class="badge">{t('tenders.reserved')}</span></>}</p>
              </li>
            ))}
          </ul>
        )}
      {page?.next_cursor && !failed && (
        <button type="button" class="button" onClick={() => void loadMore(page.next_cursor as string)}>{t('tenders.more')}</button>
      )}
    </main>
  );
}

export function TenderPage({ id }: { id: number }) {
  const { t, f, code } = useI18n();
  const state = useAppState();
  const [tender, setTender] = useState<Tender | null>(null);
  const [failed, setFailed] = useState<number | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    getJson('/api/v1/tenders/{tender_id}', { path: { tender_id: id }, signal: controller.signal })
      .then(setTender, (e: { status?: number }) => { if (!controller.signal.aborted) setFailed(e.status ?? 0); });
    return () => controller.abort();
  }, [id]);
  useEffect(() => { if (tender) document.title = `${tender.title} · ${t('app.title')}`; }, [tender, t]);

  if (failed === 404) return <main id="main" class="page"><h1>{t('app.notFound')}</h1></main>;
  if (failed !== null) return <main id="main" class="page"><p class="state state--error" role="alert">{t('results.error')}</p></main>;
  if (!tender) return <main id="main" class="page"><p role="status">{t('results.loading')}</p></main>;
  return (
    <main id="main" class="page tender-page">
      <p><Link state={state} to={(s) => ({ ...s, route: { name: 'tenders' } })}>{t('tenders.back')}</Link></p>
      <h1>{tender.title}</h1>
      {tender.description && <p class="cluster-page__lead">{tender.description}</p>}
      <dl class="facts">
        <div><dt>{t('tenders.buyer')}</dt><dd>{tender.buyer.name}</dd></div>
        {tender.country && <div><dt>{t('filters.country')}</dt><dd>{code('country', tender.country)}</dd></div>}
        {tender.value && <div><dt>{t('tenders.value')}</dt><dd>{f.money(tender.value.amount, tender.value.currency ?? 'EUR')}</dd></div>}
        {tender.deadline && <div><dt>{t('tenders.deadlineLabel')}</dt><dd><Deadline tender={tender} /></dd></div>}
      </dl>
      {tender.notice_url && (
        <p><a class="button" href={tender.notice_url} rel="noopener noreferrer" target="_blank">{t('tenders.notice')}</a></p>
      )}
      <section aria-labelledby="tender-lots">
        <h2 id="tender-lots">{t('tenders.lotsHeading')}</h2>
        {tender.lots.map((lot) => <LotCard key={lot.id} lot={lot} />)}
      </section>
      <p class="hint">{t('tenders.source', { ocid: tender.ocid })}</p>
    </main>
  );
}
