// "Is it listed already?": while a name (and a town) is typed, the published entries whose name looks
// like it (GET /api/v1/similar-enterprises), each a link to its profile, so nobody proposes it twice.
import { useEffect, useState } from 'preact/hooks';
import { getJson, type JsonOf } from '../api/client';
import { toEnterprise } from '../app/Link';
import { useAppState } from '../app/store';
import { toUrl } from '../app/url-state';
import { useI18n } from '../i18n';

type Similar = JsonOf<'/api/v1/similar-enterprises'>[number];
const DEBOUNCE_MS = 300;

export function SimilarHints({ name, locality }: { name: string; locality: string }) {
  const state = useAppState();
  const { t, code } = useI18n();
  const [hints, setHints] = useState<Similar[]>([]);
  useEffect(() => {
    const typed = name.trim();
    if (typed.length < 3) {
      setHints([]);
      return undefined;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      // A help, not a gate: when it fails the form still works.
      getJson('/api/v1/similar-enterprises', { query: { name: typed, ...(locality.trim() ? { locality: locality.trim() } : {}) },
        signal: controller.signal }).then(setHints, () => !controller.signal.aborted && setHints([]));
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [name.trim(), locality.trim()]);

  return (
    <div class="similar" aria-live="polite" data-testid="similar-hints">
      {hints.length > 0 && <>
        <p class="similar__intro">{t('participate.similar', { count: hints.length })}</p>
        <ul>
          {hints.map((h) => (
            <li key={h.id}>
              {/* A new tab: the form keeps what was typed. */}
              <a href={toUrl(toEnterprise(h.slug)(state))} target="_blank" rel="noopener">{h.name}</a>
              <span class="muted"> · {[h.locality, code('country', h.country)].filter(Boolean).join(', ')}</span>
            </li>
          ))}
        </ul>
        <p class="hint">{t('participate.similarHint')}</p>
      </>}
    </div>
  );
}
