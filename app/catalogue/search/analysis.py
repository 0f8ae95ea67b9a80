"""Danish text analysis shared by indexing and querying: tokens, æ/ø/å folding and stems.

Neither FTS5 nor PostgreSQL folds Danish letters the way people type them without a Danish keyboard (ø as "oe" or
"o", å as "aa" or "a", æ as "ae" or "a"; Unicode has no decomposition for æ and ø). Two foldings:

- strict: æ→ae, ø→oe, å→aa, other diacritics removed ("smør" → "smoer");
- loose: the strict form with ae→a, oe→o, aa→a ("smoer" → "smor").

The index and the query both use the loose form (`fold`): "smør", "smoer" and "smor" all fold to "smor", and so do
mixed spellings such as "sodmaelk" for "sødmælk". Indexing the strict form as well would find nothing more (the
loose form is a function of it), only double the postings; the exact spelling counts in the ranking instead.

Stems come from the Danish Snowball stemmer (PyStemmer), the same algorithm as PostgreSQL's `danish` text search
configuration (`danish_stem`), applied to the Danish spelling before folding.
"""

import re
import threading
import unicodedata
from functools import lru_cache

import Stemmer

_TOKEN = re.compile(r"[^\W_]+")
_HYPHENATED = re.compile(r"[^\W_]+(?:-[^\W_]+)+")
_STRICT = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_DIGRAPH = re.compile(r"aa|ae|oe")
_LOOSE = {"aa": "a", "ae": "a", "oe": "o"}
_UNFOLD = {"aa": "å", "ae": "æ", "oe": "ø"}
_local = threading.local()

# Words that carry no meaning for product search; dropped from a query that has other words.
STOPWORDS = frozenset(
    "af at de den der det du eller en er et for fra har hvor i ikke jeg kan med men og om på som til ved vi".split()
)
# Query syntax some users type out of habit; never a search word.
OPERATORS = frozenset({"and", "or", "not", "near"})


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def hyphen_joins(text: str) -> list[str]:
    """"DEP-tilmelding" also as "deptilmelding", so a pasted or run-together spelling finds it."""
    return [match.replace("-", "") for match in _HYPHENATED.findall(text.lower())]


@lru_cache(maxsize=200_000)
def strict(token: str) -> str:
    folded = token.translate(_STRICT)
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def loose(strict_form: str) -> str:
    return _DIGRAPH.sub(lambda match: _LOOSE[match.group()], strict_form)


def fold(token: str) -> str:
    """The form a lower-case token is indexed and searched by."""
    return loose(strict(token))


def _stemmer() -> "Stemmer.Stemmer":
    # PyStemmer objects are not thread-safe; request handlers run in a thread pool.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("danish")
    return stemmer


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    if len(token) < 3 or not token.isalpha():
        return token
    return _stemmer().stemWord(token)


def unfold(ascii_word: str) -> str:
    """Guess the Danish spelling of a word typed with aa/ae/oe, so it stems like the original ("aebler" → "æbler")."""
    return _DIGRAPH.sub(lambda match: _UNFOLD[match.group()], ascii_word)


def is_term(text: str) -> bool:
    """A generated term is one FTS token: letters and digits only, so it can never carry query syntax."""
    return _TOKEN.fullmatch(text) is not None
