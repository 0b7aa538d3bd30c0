"""Text search over the organisations' search document (built in the database, see migration 0002).

Both sides meet in the same normal form: `semap_normalise()` lower-cases, romanises Cyrillic by the
Ukrainian national system (KMU 2010: Київ → kyiv, Львів → lviv) and strips Latin diacritics (ș ş → s,
ț ţ → t, ă â → a, î → i). The query goes through that SQL function too, so Python and SQL can never
disagree about a letter.

What people type for a place goes through the gazetteer (`api.places`): "Kiev", "Киев" or "Kyiv" also
match the entries whose text names Kyiv in its local form, and a region's name (in any of its spellings)
matches every entry of that region.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Float, case, func, literal_column, or_, text
from sqlalchemy.ext.asyncio import AsyncSession

from api import places
from api.enterprises.models import Organisation

# 'simple': no stemming, because a document mixes Romanian, Ukrainian (romanised), Russian and English;
# trigram similarity catches the inflected forms and the typos that stemming would.
SIMPLE: ColumnElement[Any] = literal_column("'simple'::regconfig")
# pg_trgm's default (0.6) misses one dropped letter in a short word ("brutria" is 0.55 of "brutaria").
WORD_SIMILARITY_THRESHOLD = 0.5


async def prepare_text_search(session: AsyncSession) -> None:
    """Set this transaction's similarity thresholds for `matches_query` and for correcting a typed word
    (`read_words`); call before a query with `q`.

    Also no parallel workers: a search plan costs its estimate for every match of the words, while the
    exact tier usually ends it after a page; starting workers for the part that never runs would cost
    more than the whole page (tens of ms on a busy machine)."""
    await session.execute(text("SELECT set_config('pg_trgm.word_similarity_threshold', :value, true), "
                               "set_config('pg_trgm.similarity_threshold', :value, true), "
                               "set_config('max_parallel_workers_per_gather', '0', true)"),
                          {"value": str(WORD_SIMILARITY_THRESHOLD)})


def normalised(q: str) -> ColumnElement[str]:
    return func.semap_normalise(q)


def _tsquery(q: str) -> ColumnElement[Any]:
    return func.plainto_tsquery(SIMPLE, normalised(q))


# Towns of one spelling beyond this many (villages called Mykolaivka) add nothing but query size.
MAX_PLACE_NAMES = 5


@dataclass(frozen=True)
class TextQuery:
    """What `q` asks for: the words that are looked up exactly in names and localities (`exact_words`, in
    order of preference: what was typed, then the local names of the towns it names), the local names of
    those towns and the regions it names."""

    q: str
    exact_words: tuple[str, ...]
    place_names: tuple[str, ...]
    region_codes: tuple[str, ...]


def _one_word(text: str) -> bool:
    return re.fullmatch(r"\w+", text) is not None


@lru_cache(maxsize=1024)
def understand(q: str) -> TextQuery:
    found = places.resolve(q)
    towns = list(dict.fromkeys(p.name for p in found if not p.is_region))[:MAX_PLACE_NAMES]
    regions = tuple(sorted({p.id for p in found if p.is_region}))
    exact = tuple(dict.fromkeys(w for w in [q.strip(), *towns] if _one_word(w)))
    return TextQuery(q=q, exact_words=exact, place_names=tuple(t for t in towns if t != q.strip()),
                     region_codes=regions)


def matches_query(q: str) -> ColumnElement[bool]:
    """Whole words (GIN on the tsvector) or a similar word, typo included (GIN trigram, `<%`); the local
    names of the towns `q` names (gazetteer) and the regions it names."""
    query = understand(q)
    clauses = [Organisation.search_vector.op("@@")(_tsquery(q)), normalised(q).op("<%")(Organisation.search_text)]
    clauses += [Organisation.search_vector.op("@@")(_tsquery(name)) for name in query.place_names]
    if query.region_codes:
        clauses.append(Organisation.region_code.in_(query.region_codes))
    return or_(*clauses)


def relevance(q: str) -> ColumnElement[float]:
    """Below every exact name or locality match (3..4) and every entry whose names and localities hold all
    the typed words (2.8..3, see api.enterprises.search), in 2..2.8: ts_rank (names weigh most) plus the
    best word similarity in the document, and a little for lying in a region that `q` names."""
    query = understand(q)
    rank = func.ts_rank(Organisation.search_vector, _tsquery(q), type_=Float)
    similarity = func.word_similarity(normalised(q), Organisation.search_text, type_=Float)
    in_region = (case((Organisation.region_code.in_(query.region_codes), 0.1), else_=0.0)
                 if query.region_codes else literal_column("0.0"))
    return 2 + func.least(0.35 * (rank + similarity), 0.699) + in_region


@dataclass(frozen=True)
class Words:
    """The typed words as words of the names and localities (`search_words`): each typed word itself, or, if no
    name or locality holds it, its most similar word there (`corrected`). `entries` is how many entries hold
    each, so a page can walk the rarest word's postings."""

    terms: tuple[str, ...]
    entries: tuple[int, ...]
    corrected: bool

    @property
    def rarest(self) -> int:
        return min(range(len(self.terms)), key=lambda n: (self.entries[n], n))


# Each typed word (the search vector's parser and normal form), the vocabulary's entry for it, or else the most
# similar vocabulary word (`%` on the trigram GIN index: similarity ≥ pg_trgm.similarity_threshold).
WORDS_SQL = text("""
SELECT w.word, v.entries, c.term AS correction, c.entries AS correction_entries
FROM unnest(tsvector_to_array(to_tsvector('simple'::regconfig, semap_normalise(:q)))) AS w(word)
LEFT JOIN search_words v ON v.term = w.word
LEFT JOIN LATERAL (
  SELECT s.term, s.entries FROM search_words s
  WHERE v.term IS NULL AND s.term % w.word
  ORDER BY similarity(s.term, w.word) DESC, s.entries DESC, s.term LIMIT 1) c ON true
ORDER BY w.word""")


async def read_words(session: AsyncSession, q: str) -> Words | None:
    """`q`'s words as vocabulary words, or None when one of them is in no name or locality, even corrected
    (a word of descriptions only): then only the full-text search can find its matches."""
    return words_of([tuple(row) for row in (await session.execute(WORDS_SQL, {"q": q})).all()])


def words_of(rows: list[tuple[Any, ...]]) -> Words | None:
    """WORDS_SQL's rows as Words (see read_words)."""
    terms: dict[str, int] = {}
    corrected = False
    for word, entries, correction, correction_entries in rows:
        if entries is not None:
            terms.setdefault(word, entries)
        elif correction is not None:
            terms.setdefault(correction, correction_entries)
            corrected = True
        else:
            return None
    if not terms:
        return None
    return Words(terms=tuple(terms), entries=tuple(terms.values()), corrected=corrected)
