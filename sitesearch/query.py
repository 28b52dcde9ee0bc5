"""Turning what someone typed into a ranked search, on PostgreSQL and on SQLite.

A query is parsed into *concepts*: each meaningful word (stop words and question filler dropped),
or a phrase that has synonyms ("anoniem solliciteren"). A concept matches a document when any of
its alternatives does: the word's own term, all parts of the compound ("taaleisen": taal AND eis),
or one of the synonyms editors maintain in Beheer (each again all of its words). Every concept has a
weight from how rare its terms are in the index (inverse document frequency), so "hoofddoek" counts
for more than "medewerkers".

Score of a document = the sum over matched concepts of weight x 3 (in the title), 2 (in the
summary) or 1 (elsewhere). Short queries (up to three concepts, no question mark) sort documents
that match more concepts first (a bonus per matched concept); questions sort by score alone, so
the measure that covers the question's topic beats one that shares common words. See docs/search.md.
"""

import math
import re
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Case, FloatField, Q, QuerySet, Value, When
from django.db.models.expressions import Combinable
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString

from sitesearch.analysis import STOP_WORDS, fold, split_compound, stem, word_terms, words
from sitesearch.counts import total_documents
from sitesearch.models import SearchTerm, Synonym

MAX_QUERY_LENGTH = 200
QUESTION_CONCEPTS = 4  # from this many concepts on, a query is ranked as a question
MAX_CONCEPTS = 12
LEVELS = (("A", 3.0), ("B", 2.0), ("", 1.0))  # title, summary, anywhere
FIELDS = {"A": ("title_terms",), "B": ("summary_terms",), "": ("title_terms", "summary_terms", "body_terms")}
_SAFE_TERM = re.compile(r"^[0-9a-z]+$")


@dataclass
class Concept:
    text: str  # the word or phrase as typed (folded)
    alternatives: list[tuple[str, ...]]  # each alternative: all of these terms
    weight: float = 0.0
    from_synonym: bool = False

    @property
    def terms(self) -> set[str]:
        return {term for alternative in self.alternatives for term in alternative}


@dataclass
class ParsedQuery:
    text: str
    concepts: list[Concept] = field(default_factory=list)

    @property
    def is_question(self) -> bool:
        return "?" in self.text or len(self.concepts) >= QUESTION_CONCEPTS

    @property
    def usable(self) -> list[Concept]:
        return [concept for concept in self.concepts if concept.weight > 0]

    @property
    def terms(self) -> set[str]:
        return {term for concept in self.usable for term in concept.terms}

    @property
    def unknown_words(self) -> list[str]:
        """Typed words of which nothing is in the index (candidates for "bedoelde je")."""
        return [c.text for c in self.concepts if c.weight == 0 and " " not in c.text]

    def __bool__(self) -> bool:
        return bool(self.usable)


def _key(phrase: str) -> str:
    """How a synonym's term is compared: the stems of its words ("Statushouders" == "statushouder")."""
    return " ".join(stem(word.replace("-", "")) for word in words(phrase))


def _synonyms() -> dict[str, list[str]]:
    return {_key(row.term): row.related_list for row in Synonym.objects.all()}


def _word_alternatives(word: str) -> list[tuple[str, ...]]:
    pieces = [piece for piece in word.split("-") if piece]
    joined = "".join(pieces)
    alternatives: list[tuple[str, ...]] = [(stem(joined),)]
    parts = pieces if len(pieces) > 1 else list(split_compound(joined))
    parts = [part for part in parts if len(part) >= 2 and part not in STOP_WORDS]
    if len(parts) > 1:
        alternatives.append(tuple(dict.fromkeys(stem(part) for part in parts)))
    return alternatives


def _phrase_alternative(phrase: str) -> tuple[str, ...]:
    terms = []
    for word in words(phrase):
        if word not in STOP_WORDS:
            terms.extend(word_terms(word)[:1])
    return tuple(dict.fromkeys(terms))


def parse(text: str) -> ParsedQuery:
    """Parse a query; three queries at most (synonyms, term frequencies, document count)."""
    text = " ".join(text.replace("\x00", " ").split())[:MAX_QUERY_LENGTH]
    parsed = ParsedQuery(text=text)
    tokens = words(text)
    if not tokens:
        return parsed
    synonyms = _synonyms()
    keys = [stem(token.replace("-", "")) for token in tokens]
    position = 0
    while position < len(tokens) and len(parsed.concepts) < MAX_CONCEPTS:
        # The longest phrase (up to three words) that has synonyms, else the single word.
        for size in (3, 2, 1):
            key = " ".join(keys[position : position + size])
            if size > 1 and (position + size > len(tokens) or key not in synonyms):
                continue
            phrase_words = tokens[position : position + size]
            related = synonyms.get(key, [])
            if size == 1:
                word = phrase_words[0]
                if (word in STOP_WORDS or len(word.replace("-", "")) < 2) and not related:
                    break
                alternatives = _word_alternatives(word)
            else:
                alternatives = [_phrase_alternative(" ".join(phrase_words))]
            alternatives += [alt for alt in (_phrase_alternative(item) for item in related) if alt]
            alternatives = [alt for alt in dict.fromkeys(alternatives) if alt]
            if alternatives:
                parsed.concepts.append(
                    Concept(text=" ".join(phrase_words), alternatives=alternatives, from_synonym=bool(related))
                )
            position += size - 1
            break
        position += 1
    _weigh(parsed)
    return parsed


def _weigh(parsed: ParsedQuery) -> None:
    terms = {term for concept in parsed.concepts for term in concept.terms}
    if not terms:
        return
    frequency = dict(SearchTerm.objects.filter(term__in=terms).values_list("term", "document_count"))
    total = max(total_documents(), 1)
    for concept in parsed.concepts:
        weights = []
        for alternative in concept.alternatives:
            counts = [frequency.get(term, 0) for term in alternative]
            if all(counts):
                weights.append(math.log(1 + total / max(counts)))  # the rarest way to match counts
        concept.weight = max(weights, default=0.0)
        # Drop alternatives that cannot match anything: keeps the SQL short.
        concept.alternatives = [alt for alt in concept.alternatives if all(frequency.get(t) for t in alt)]


# --- SQL -------------------------------------------------------------------------------------------


def _tsquery(concept: Concept, level: str) -> SearchQuery:
    label = f":{level}" if level else ""
    alternatives = [
        "(" + " & ".join(f"'{term}'{label}" for term in alternative if _SAFE_TERM.match(term)) + ")"
        for alternative in concept.alternatives
    ]
    return SearchQuery(" | ".join(alternatives), search_type="raw", config="simple")


def _condition(concept: Concept, level: str, prefix: str) -> Q:
    """The concept in the title (level "A"), the summary ("B") or anywhere ("").

    PostgreSQL: the row's vector, with the level as weight label (the vector is kept in the row, see
    migration sitesearch 0002). SQLite: `LIKE '% term %'` on the padded term fields.
    """
    if connection.vendor == "postgresql":
        return Q(**{f"{prefix}vector": _tsquery(concept, level)})
    condition = Q(pk__in=[])
    for alternative in concept.alternatives:
        every = Q()
        for term in alternative:
            anywhere = Q(pk__in=[])
            for name in FIELDS[level]:
                anywhere |= Q(**{f"{prefix}{name}__contains": f" {term} "})
            every &= anywhere
        condition |= every
    return condition


def _usable(parsed: ParsedQuery) -> list[Concept]:
    return [concept for concept in parsed.usable if concept.alternatives]


# A question's common concepts (in more than 40% of all documents: weight below ln(1 + 2.5)) only
# add to the score of documents that match one of its specific concepts; they do not select
# documents themselves. "Hoe houden we medewerkers met een migratieachtergrond vast?" then finds
# what is about migration background, not every item that mentions employees, and is scored
# over far fewer rows. A question of common concepts only uses them all.
COMMON_WEIGHT = math.log(1 + 2.5)


def _selecting(concepts: list[Concept], parsed: ParsedQuery) -> list[Concept]:
    if not parsed.is_question:
        return concepts
    return [concept for concept in concepts if concept.weight >= COMMON_WEIGHT] or concepts


def _any_concept(concepts: list[Concept], prefix: str) -> Q:
    """Matches any concept anywhere: on PostgreSQL one tsquery (one GIN index scan), else ORed LIKEs."""
    if connection.vendor == "postgresql":
        combined = Concept(text="", alternatives=[alt for concept in concepts for alt in concept.alternatives])
        return _condition(combined, "", prefix)
    condition = Q(pk__in=[])
    for concept in concepts:
        condition |= _condition(concept, "", prefix)
    return condition


def match(queryset: QuerySet, parsed: ParsedQuery, prefix: str = "") -> QuerySet:
    """Only the filter of apply(), without scoring: for counts and facets, which need no order."""
    concepts = _usable(parsed)
    if not concepts:
        return queryset.none()
    return queryset.filter(_any_concept(_selecting(concepts, parsed), prefix))


_QS = TypeVar("_QS", bound=QuerySet[Any])

# Short queries: every matched concept adds this much before its weight, so a document matching
# more concepts always ranks above one matching fewer (a score stays far below it: at most
# MAX_CONCEPTS x 3 x ln(1 + documents)).
COVERAGE_BONUS = 1000.0


def apply(queryset: _QS, parsed: ParsedQuery, prefix: str = "") -> _QS:
    """Filter to documents (or measures, with prefix "search_document__") matching any concept.

    Annotates `score` (float, higher first) and orders by it, then by title; callers may order
    differently afterwards. Per concept one CASE (title, else summary, else anywhere), evaluated
    once per row. For short queries the score includes COVERAGE_BONUS per matched concept, so
    documents matching every concept come first. An unusable query matches nothing.
    """
    concepts = _usable(parsed)
    if not concepts:
        return queryset.none().annotate(score=Value(0.0, output_field=FloatField()))
    bonus = 0.0 if parsed.is_question else COVERAGE_BONUS
    score: Combinable = Value(0.0, output_field=FloatField())
    for concept in concepts:
        whens = [
            When(_condition(concept, level, prefix), then=Value(bonus + concept.weight * factor))
            for level, factor in LEVELS
        ]
        score = score + Case(*whens, default=Value(0.0), output_field=FloatField())
    queryset = queryset.filter(_any_concept(_selecting(concepts, parsed), prefix)).annotate(score=score)
    return queryset.order_by("-score", "title", "pk")


# --- presentation ----------------------------------------------------------------------------------

_TEXT_WORD = re.compile(r"\w+(?:[-&'’]\w+)*")


def highlight(text: str, terms: set[str]) -> SafeString:
    """The text, escaped, with the words that matched the query in <mark>."""
    if not terms:
        return escape(text)
    pieces, last = [], 0
    for found in _TEXT_WORD.finditer(text):
        pieces.append(escape(text[last : found.start()]))
        word = found.group()
        folded = re.sub(r"[&'’]", "", fold(word))
        pieces.append(format_html("<mark>{}</mark>", word) if set(word_terms(folded)) & terms else escape(word))
        last = found.end()
    pieces.append(escape(text[last:]))
    return format_html_join("", "{}", ((piece,) for piece in pieces))


def _trigrams(word: str) -> set[str]:
    padded_word = f"  {word} "
    return {padded_word[i : i + 3] for i in range(len(padded_word) - 2)}


def _similar_word(word: str) -> str | None:
    if connection.vendor == "postgresql" and has_trigram_extension():
        from django.contrib.postgres.search import TrigramSimilarity

        row = (
            SearchTerm.objects.filter(word__trigram_similar=word)
            .annotate(similarity=TrigramSimilarity("word", word))
            .order_by("-similarity", "-document_count")
            .values_list("word", flat=True)
            .first()
        )
        return row
    # SQLite (and PostgreSQL without pg_trgm): the same measure in Python over the vocabulary.
    target = _trigrams(word)
    best, best_score = None, 0.3
    for candidate, count in SearchTerm.objects.values_list("word", "document_count").iterator():
        grams = _trigrams(candidate)
        score = len(target & grams) / len(target | grams)
        if score > best_score or (score == best_score and best is not None and count > 0):
            best, best_score = candidate, score
    return best


def did_you_mean(parsed: ParsedQuery) -> str | None:
    """The query with its unknown words replaced by the nearest indexed words, or None."""
    unknown = parsed.unknown_words[:3]
    if not unknown:
        return None
    replacements = {}
    for word in unknown:
        similar = _similar_word(word)
        if similar and similar != word:
            replacements[word] = similar
    if not replacements:
        return None
    return " ".join(replacements.get(word, word) for word in words(parsed.text))


_trigram_checked: dict[str, bool] = {}


def has_trigram_extension() -> bool:
    """Whether pg_trgm is installed (managed PostgreSQL services allow it; migration 0001 tries)."""
    alias = connection.alias
    if alias not in _trigram_checked:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            _trigram_checked[alias] = cursor.fetchone() is not None
    return _trigram_checked[alias]
