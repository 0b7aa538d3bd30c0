"""Text search over the organisations' search document (built in the database, see migration 0002).

Both sides meet in the same normal form: `semap_normalise()` lower-cases, romanises Cyrillic by the
Ukrainian national system (KMU 2010: Київ → kyiv, Львів → lviv) and strips Latin diacritics (ș ş → s,
ț ţ → t, ă â → a, î → i). The query goes through that SQL function too, so Python and SQL can never
disagree about a letter.
"""

from typing import Any

from sqlalchemy import ColumnElement, Float, func, literal_column, or_, text
from sqlalchemy.ext.asyncio import AsyncSession

from api.enterprises.models import Organisation

# 'simple': no stemming, because a document mixes Romanian, Ukrainian (romanised), Russian and English;
# trigram similarity catches the inflected forms and the typos that stemming would.
SIMPLE: ColumnElement[Any] = literal_column("'simple'::regconfig")
# pg_trgm's default (0.6) misses one dropped letter in a short word ("brutria" is 0.55 of "brutaria").
WORD_SIMILARITY_THRESHOLD = 0.5


async def prepare_text_search(session: AsyncSession) -> None:
    """Set this transaction's similarity threshold for `matches_query`; call before a query with `q`."""
    await session.execute(text("SELECT set_config('pg_trgm.word_similarity_threshold', :value, true)"),
                          {"value": str(WORD_SIMILARITY_THRESHOLD)})


def normalised(q: str) -> ColumnElement[str]:
    return func.semap_normalise(q)


def _tsquery(q: str) -> ColumnElement[Any]:
    return func.plainto_tsquery(SIMPLE, normalised(q))


def matches_query(q: str) -> ColumnElement[bool]:
    """Whole words (GIN on the tsvector) or a similar word, typo included (GIN trigram, `<%`)."""
    return or_(Organisation.search_vector.op("@@")(_tsquery(q)),
               normalised(q).op("<%")(Organisation.search_text))


def relevance(q: str) -> ColumnElement[float]:
    """Higher is better: ts_rank (names weigh most) plus the best word similarity in the document."""
    rank = func.ts_rank(Organisation.search_vector, _tsquery(q), type_=Float)
    similarity = func.word_similarity(normalised(q), Organisation.search_text, type_=Float)
    return (rank + similarity).label("relevance")
