import { useEffect, useRef, useState } from 'preact/hooks';
import { getJson, type Enterprise } from '../api/client';
import { navigate, useAppState } from '../app/store';
import { useI18n } from '../i18n';

const DEBOUNCE_MS = 250;
const SUGGESTIONS = 6;

/** Text search as an ARIA 1.2 combobox: suggestions while typing, Enter searches the list. */
export function SearchBox() {
  const state = useAppState();
  const { t, code } = useI18n();
  const [text, setText] = useState(state.filters.q);
  const [suggestions, setSuggestions] = useState<Enterprise[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);
  // Suggestions asked for before Enter must not open after it: each search starts a new round.
  const round = useRef(0);

  // The URL may change the query (back button, a link): show what is searched.
  useEffect(() => setText(state.filters.q), [state.filters.q]);

  useEffect(() => {
    const q = text.trim();
    if (q.length < 2 || q === state.filters.q) {
      setSuggestions([]);
      return;
    }
    const controller = new AbortController();
    const asked = round.current;
    const timer = setTimeout(async () => {
      // Suggestions are a help: when they fail, the search itself still works.
      const data = await getJson('/api/v1/enterprises', { query: { q, limit: SUGGESTIONS }, signal: controller.signal })
        .catch(() => null);
      if (!controller.signal.aborted && asked === round.current) {
        setSuggestions(data?.items ?? []);
        setActive(-1);
        setOpen(true);
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  // A click or a tap anywhere else closes them (the map's canvas keeps the focus where it was, so blur is not enough).
  useEffect(() => {
    const outside = (event: PointerEvent) => {
      if (!form.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside, true);
    return () => document.removeEventListener('pointerdown', outside, true);
  }, []);

  function search(q: string) {
    round.current += 1;
    setOpen(false);
    navigate((s) => ({ ...s, route: { name: 'map' }, filters: { ...s.filters, q: q.trim() } }));
  }

  function choose(enterprise: Enterprise) {
    round.current += 1;
    setOpen(false);
    setText(enterprise.name);
    const [lng, lat] = enterprise.location.coordinates;
    navigate((s) => ({ ...s, route: { name: 'map' }, selected: enterprise.slug, view: { lng, lat, zoom: Math.max(s.view?.zoom ?? 0, 11) } }));
  }

  const expanded = open && suggestions.length > 0;

  function onKeyDown(event: KeyboardEvent) {
    const count = suggestions.length;
    if (event.key === 'ArrowDown' && count) {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (i + 1) % count);
    } else if (event.key === 'ArrowUp' && count) {
      event.preventDefault();
      setActive((i) => (i <= 0 ? count - 1 : i - 1));
    } else if (event.key === 'Escape' && expanded) {
      event.preventDefault(); // closes the suggestions; a second Escape clears the field as usual
      setOpen(false);
    } else if (event.key === 'Enter' && open && active >= 0 && suggestions[active]) {
      event.preventDefault();
      choose(suggestions[active]);
    }
  }

  return (
    <form ref={form} class="search" role="search" onSubmit={(e) => { e.preventDefault(); search(text); }}>
      <label for="search-input" class="search__label">{t('search.label')}</label>
      <div class="search__row">
        <input
          id="search-input" ref={input} type="search" value={text} autoComplete="off" spellcheck={false}
          placeholder={t('search.placeholder')} role="combobox" aria-autocomplete="list" aria-expanded={expanded}
          aria-controls="search-suggestions" aria-activedescendant={expanded && active >= 0 ? `suggestion-${active}` : undefined}
          onInput={(e) => setText(e.currentTarget.value)} onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
        />
        <button type="submit" class="button button--primary">{t('search.submit')}</button>
        {state.filters.q && (
          <button type="button" class="button" onClick={() => { setText(''); search(''); input.current?.focus(); }}>
            {t('search.clear')}
          </button>
        )}
      </div>
      <ul id="search-suggestions" role="listbox" aria-label={t('search.suggestions')} class="suggestions" hidden={!expanded}>
        {suggestions.map((e, i) => (
          <li id={`suggestion-${i}`} key={e.id} role="option" aria-selected={i === active}
            class={i === active ? 'suggestion suggestion--active' : 'suggestion'}
            onMouseDown={(ev) => { ev.preventDefault(); choose(e); }}>
            <span class="suggestion__name">{e.name}</span>
            <span class="suggestion__place">{[e.locality, code('country', e.country)].filter(Boolean).join(', ')}</span>
          </li>
        ))}
      </ul>
      <p class="sr-only" aria-live="polite">{expanded ? t('search.suggestionsAvailable', { count: suggestions.length }) : ''}</p>
    </form>
  );
}
