"""Full-text expressions built from our own normalised terms, rendered for FTS5 MATCH or a PostgreSQL tsquery.

User text never reaches either syntax: a query is parsed into words, each word into generated terms that are
letters and digits only (`analysis.is_term`), and only those are quoted into the expression.
"""

from dataclasses import dataclass

from app.catalogue.search.analysis import is_term

NAME, PART, BODY, TAG = "name_terms", "part_terms", "body_terms", "tag_terms"
# The column prefixes of the lexemes in PostgreSQL's generated tsvector (see the migration).
_MARKERS = {NAME: "n", PART: "p", BODY: "b", TAG: "t"}


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    columns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    items: tuple["Expr", ...]


@dataclass(frozen=True, slots=True)
class AllOf:
    items: tuple["Expr", ...]


@dataclass(frozen=True, slots=True)
class Without:
    keep: "Expr"
    drop: "Expr"


Expr = Term | AnyOf | AllOf | Without


def any_of(items: list[Expr]) -> Expr | None:
    unique = tuple(dict.fromkeys(item for item in items if item is not None))
    return None if not unique else unique[0] if len(unique) == 1 else AnyOf(unique)


def all_of(items: list[Expr | None]) -> Expr | None:
    unique = tuple(dict.fromkeys(item for item in items if item is not None))
    return None if not unique else unique[0] if len(unique) == 1 else AllOf(unique)


def terms(texts: list[str] | tuple[str, ...], columns: tuple[str, ...]) -> list[Expr]:
    return [Term(text, columns) for text in texts if is_term(text)]


def to_fts5(expr: Expr) -> str:
    if isinstance(expr, Term):
        return f'{{{" ".join(expr.columns)}}} : "{expr.text}"'
    if isinstance(expr, AnyOf):
        return "(" + " OR ".join(to_fts5(item) for item in expr.items) + ")"
    if isinstance(expr, AllOf):
        return "(" + " AND ".join(to_fts5(item) for item in expr.items) + ")"
    return f"({to_fts5(expr.keep)}) NOT ({to_fts5(expr.drop)})"


def lexemes(term: Term) -> list[str]:
    """The term's lexemes in PostgreSQL's tsvector: one per column, prefixed with the column's marker."""
    return [f"{_MARKERS[column]}{term.text}" for column in term.columns]


def to_tsquery(expr: Expr) -> str:
    """tsquery text, cast rather than parsed: the lexemes are ours, prefixed with their column."""
    if isinstance(expr, Term):
        quoted = [f"'{lexeme}'" for lexeme in lexemes(expr)]
        return quoted[0] if len(quoted) == 1 else "(" + " | ".join(quoted) + ")"
    if isinstance(expr, AnyOf):
        return "(" + " | ".join(to_tsquery(item) for item in expr.items) + ")"
    if isinstance(expr, AllOf):
        return "(" + " & ".join(to_tsquery(item) for item in expr.items) + ")"
    return f"({to_tsquery(expr.keep)}) & !({to_tsquery(expr.drop)})"
