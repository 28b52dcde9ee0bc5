"""Dutch text analysis for the portal's search, done in Python so it works the same on every database.

A text becomes a list of *terms*: lower case, accents removed, stop words dropped, stemmed with the
Snowball Dutch stemmer, and compound words split into their parts (the compound's own term is kept
too, so "diversiteitsbeleid" gives `diversiteitsbeleid`, `diversiteit` and `beleid`). The same
analysis runs when a text is indexed and when a query is parsed, so the database only compares
finished terms: PostgreSQL through a `simple` tsvector, SQLite through padded text. Nothing here
needs a server-side dictionary.

Compound splitting uses a word list derived from Debian's hunspell-nl (OpenTaal, BSD or CC BY 3.0),
shipped in `sitesearch/data/woorden-nl.txt.gz` (see the README there).
"""

import functools
import gzip
import re
import unicodedata
from pathlib import Path

import snowballstemmer

DATA = Path(__file__).resolve().parent / "data"

# Snowball's Dutch stop words plus the filler of questions employers write ("Hoe pakken we dat
# aan?", "Mag dat?", "onze", "willen", "vaak"). Words that carry a topic stay out of this list.
STOP_WORDS = frozenset(
    """
    aan aangezien af al alle alleen allemaal als altijd andere anders ben bij bijvoorbeeld binnen
    da dan dat de der deze die dit doch doe doen doet door dus echt een eens eigenlijk elk elke en
    enz er erg ge geen geweest gewoon had hadden heb hebben hebt heeft hem het hier hij hoe hoeveel
    hoezo hun iemand iets ik in is ja je jij jou jouw jullie kan kon konden kun kunnen kunt laat
    laten lukt maar mag me meer mee men met mij mijn misschien moet moeten mogen na naar nee niet
    niets nog nou nu of om omdat ons onze ook op over pakken pas precies prima tegen terwijl toch
    toe tot u uit uw van veel via voor vaak vanaf wanneer want waren was wat we wel welk welke wie
    wij wil willen wilt word worden wordt zal ze zei zelf zich zij zijn zo zodat zonder zou zouden
    zoals zulke zullen zit zitten graag goed beter best hele helemaal heel daar daarom waar waarom
    hoezeer soms steeds vooral juist nodig vinden vind vindt weten weet dingen ding manier iemand
    we'll ok oke oké kijken gaan gaat ging gingen komen komt kwam stel stellen vraag vragen
    """.split()
)

_stemmer = snowballstemmer.stemmer("dutch")
_WORD = re.compile(r"[0-9a-z]+(?:[&'’\-][0-9a-z]+)*")
LINKS = ("", "s", "e", "en")  # Dutch linking sounds between the parts of a compound
MIN_PART = 3
MIN_COMPOUND = 7


def fold(text: str) -> str:
    """Lower case without accents: "Carrière" -> "carriere", "ĳ" -> "ij"."""
    text = text.replace("ĳ", "ij").replace("Ĳ", "IJ")
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@functools.cache
def lexicon() -> frozenset[str]:
    with gzip.open(DATA / "woorden-nl.txt.gz", "rt", encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip())


def _known(part: str) -> bool:
    """A word in the list, also in a plural or inflected form (houders -> houder, eisen -> eis)."""
    words = lexicon()
    if part in words:
        return True
    for ending in ("en", "s", "e", "n"):
        if part.endswith(ending) and len(part) - len(ending) >= MIN_PART and part[: -len(ending)] in words:
            return True
    return False


@functools.lru_cache(maxsize=50_000)
def split_compound(word: str) -> tuple[str, ...]:
    """The parts of a Dutch compound ("taaleisen" -> ("taal", "eisen")), or () when it is none.

    Two parts are preferred over three; among two-part splits the longest last part (the head of a
    Dutch compound) wins, so "diversiteitsbeleid" -> ("diversiteit", "beleid"). Parts are at least
    three letters; linking s/e/en between parts is dropped.
    """
    if len(word) < MIN_COMPOUND or not word.isalpha():
        return ()
    best: tuple[str, ...] = ()
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head = word[:cut]
        if head not in lexicon():
            continue
        for link in LINKS:
            rest = word[cut:]
            if not rest.startswith(link):
                continue
            tail = rest[len(link) :]
            if len(tail) < MIN_PART:
                continue
            if _known(tail):
                candidate: tuple[str, ...] = (head, tail)
            else:
                inner = split_compound(tail) if len(tail) >= MIN_COMPOUND else ()
                if len(inner) != 2 or min(len(part) for part in inner) < 4:
                    continue
                candidate = (head, *inner)
            if _better(candidate, best):
                best = candidate
    return best


def _better(candidate: tuple[str, ...], best: tuple[str, ...]) -> bool:
    if not best:
        return True
    if len(candidate) != len(best):
        return len(candidate) < len(best)
    if len(candidate[-1]) != len(best[-1]):
        return len(candidate[-1]) > len(best[-1])
    return len(candidate[0]) > len(best[0])  # "status|houders" over "statu|s|houders"


@functools.lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def words(text: str) -> list[str]:
    """The words of a text, folded; "RI&E" -> "rie", "collega's" -> "collegas", hyphens kept."""
    return [re.sub(r"[&'’]", "", match) for match in _WORD.findall(fold(text))]


def word_terms(word: str) -> list[str]:
    """The terms one word contributes to the index: its stem, and the stems of its parts."""
    return list(_word_terms(word))


@functools.lru_cache(maxsize=100_000)
def _word_terms(word: str) -> tuple[str, ...]:
    pieces = [piece for piece in word.split("-") if piece]
    joined = "".join(pieces)
    if not joined or joined in STOP_WORDS:
        return ()
    terms = [stem(joined)]
    parts: list[str] = []
    if len(pieces) > 1:
        parts = [piece for piece in pieces if len(piece) >= 2 and piece not in STOP_WORDS]
    else:
        parts = [part for part in split_compound(joined) if part not in STOP_WORDS]
    for part in parts:
        for sub in (part, *split_compound(part)) if len(pieces) > 1 else (part,):
            term = stem(sub)
            if term not in terms:
                terms.append(term)
    return tuple(terms)


def analyse(text: str) -> list[str]:
    """All distinct terms of a text, in order of first appearance."""
    seen: dict[str, None] = {}
    for word in words(text):
        if len(word) < 2 and not word.isdigit():
            continue
        for term in word_terms(word):
            seen.setdefault(term, None)
    return list(seen)


def padded(terms: list[str]) -> str:
    """Terms as stored for matching: " a b c " (so " b " matches a whole term on any database)."""
    return f" {' '.join(terms)} " if terms else ""
