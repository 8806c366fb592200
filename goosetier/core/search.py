"""The search box grammar, parsed without Qt or SQL (the window builds the SQL from the result).

A query is words and ``field:value`` terms separated by spaces::

    海容 tier:小巨人 program:high_tech,gazelle cluster:芯屏 year:2024 valid:yes street:灵珠山
    code:missing -program:listed "青岛 海容"

- A plain word matches name, credit code or contact; all words must match.
- ``field:value`` narrows; several terms AND together; ``a,b`` inside one value is an OR.
- A leading ``-`` negates a word or a term. Quotes (straight or “curly”) keep spaces in a value.
- Fields (English or Chinese): tier/梯度, program/称号, cluster/产业, street/街道/园区,
  name/名称, code/代码, year/年份, valid/有效. ``year`` and ``valid`` say *when* the designation
  terms are judged (default: valid at the end of the current year).
- ``tier:`` takes a tier (专精特新, 头雁, 小升规 …) or, failing that, a program name (小巨人);
  ``program:`` takes a program id or any name the catalog knows.

A term that cannot be understood is dropped from the query and reported as an Issue-like
``SearchIssue(code, params)``; the rest of the query still applies, so a typo never empties the
table or raises.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from goosetier.core.catalog import Catalog, load_catalog, program_key

FIELD_ALIASES: dict[str, str] = {
    "tier": "tier", "梯度": "tier", "层级": "tier",
    "program": "program", "prog": "program", "称号": "program",
    "cluster": "cluster", "产业": "cluster", "集群": "cluster",
    "street": "street", "park": "street", "街道": "street", "园区": "street", "镇街": "street",
    "name": "name", "名称": "name", "企业": "name",
    "code": "code", "代码": "code", "信用代码": "code",
    "year": "year", "年份": "year", "年度": "year",
    "valid": "valid", "有效": "valid", "status": "valid", "状态": "valid",
}
VALID_WORDS: dict[str, str] = {
    "yes": "valid", "y": "valid", "true": "valid", "1": "valid", "valid": "valid",
    "是": "valid", "有效": "valid",
    "no": "expired", "n": "expired", "false": "expired", "0": "expired", "expired": "expired",
    "否": "expired", "过期": "expired", "已过期": "expired", "失效": "expired",
    "any": "any", "all": "any", "全部": "any", "不限": "any",
}
CODE_WORDS: dict[str, str] = {
    "missing": "missing", "none": "missing", "no": "missing", "无": "missing",
    "缺失": "missing", "缺少": "missing", "空": "missing",
    "present": "present", "yes": "present", "有": "present",
    "warning": "warning", "bad": "warning", "invalid": "warning", "校验": "warning",
    "有误": "warning",
}
_QUOTES = {'"': '"', "“": "”", "”": "”", "「": "」", "'": "'"}
MIN_YEAR, MAX_YEAR = 1990, 2100


@dataclass(frozen=True, slots=True)
class SearchIssue:
    """A term the parser dropped: `code` keys the window's message table."""

    code: str
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Term:
    """One narrowing condition. `values` are OR-ed; program/tier terms carry program ids."""

    field: str  # text / program / cluster / street / name / code
    values: tuple[str, ...]
    negate: bool = False


@dataclass
class SearchQuery:
    terms: list[Term] = field(default_factory=list)
    year: int | None = None
    validity: str | None = None  # valid / expired / any; None = valid
    issues: list[SearchIssue] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.terms and self.year is None and self.validity is None

    def fields(self, name: str) -> list[Term]:
        return [t for t in self.terms if t.field == name]


def tokenize(text: str) -> tuple[list[str], list[SearchIssue]]:
    """Split on white space, keeping quoted stretches (quotes removed) inside one token."""
    tokens: list[str] = []
    issues: list[SearchIssue] = []
    buf: list[str] = []
    quote: str | None = None
    for ch in text:
        if quote is not None:
            if ch == quote:
                quote = None
            else:
                buf.append(ch)
        elif ch in _QUOTES:
            quote = _QUOTES[ch]
        elif ch.isspace():
            if buf:
                tokens.append("".join(buf))
                buf = []
        else:
            buf.append(ch)
    if quote is not None:
        issues.append(SearchIssue("search_unclosed_quote"))
    if buf:
        tokens.append("".join(buf))
    return tokens, issues


def parse(text: str, catalog: Catalog | None = None) -> SearchQuery:
    """Parse the search box text into a SearchQuery (never raises on user input)."""
    catalog = catalog or load_catalog()
    normal = unicodedata.normalize("NFKC", text or "")
    tokens, issues = tokenize(normal)
    query = SearchQuery(issues=issues)
    for token in tokens:
        negate = token.startswith("-") and len(token) > 1
        body = token[1:] if negate else token
        name, sep, value = body.partition(":")
        if not sep:
            query.terms.append(Term("text", (body,), negate))
            continue
        key = FIELD_ALIASES.get(name.strip().lower())
        if key is None:
            query.issues.append(SearchIssue("search_unknown_field", {"field": name}))
            continue
        values = tuple(v.strip() for v in value.replace("，", ",").split(",") if v.strip())
        if not values:
            query.issues.append(SearchIssue("search_empty_value", {"field": name}))
            continue
        _apply(query, key, values, negate, catalog)
    return query


def _apply(query: SearchQuery, key: str, values: tuple[str, ...], negate: bool,
           catalog: Catalog) -> None:
    if key == "year":
        raw = values[-1]
        if raw.isdigit() and MIN_YEAR <= int(raw) <= MAX_YEAR:
            query.year = int(raw)
        else:
            query.issues.append(SearchIssue("search_bad_year", {"value": raw}))
    elif key == "valid":
        word = VALID_WORDS.get(values[-1].lower())
        if word is None:
            query.issues.append(SearchIssue("search_bad_valid", {"value": values[-1]}))
        else:
            query.validity = word
    elif key in ("tier", "program"):
        ids: list[str] = []
        for v in values:
            found = resolve_tier(v, catalog) if key == "tier" else None
            if found is None:
                program = resolve_program(v, catalog)
                found = [program] if program else None
            if found is None:
                code = "search_unknown_tier" if key == "tier" else "search_unknown_program"
                query.issues.append(SearchIssue(code, {"value": v}))
                continue
            ids += [p for p in found if p not in ids]
        if ids:
            query.terms.append(Term("program", tuple(ids), negate))
    elif key == "code":
        query.terms.append(Term("code", tuple(CODE_WORDS.get(v.lower(), v.upper().replace(
            " ", "")) for v in values), negate))
    else:
        query.terms.append(Term(key, values, negate))


def resolve_tier(text: str, catalog: Catalog) -> list[str] | None:
    """Program ids of the tier (or formation) named by `text`, or None."""
    key = program_key(text).lower()
    for tier in catalog.tier_order:
        names = {tier.lower(), *(program_key(n).lower() for n in catalog.tiers[tier].values())}
        # "小升规（雏雁）" → "小升规", "头雁企业" → "头雁" (NFKC made the bracket "(")
        short = program_key(catalog.tiers[tier]["zh"]).split("(")[0].removesuffix("企业")
        if key in names or key == short.lower():
            return [p.id for p in catalog.programs_in(tier)]
    for formation in catalog.formation_order:
        names = {formation, *(program_key(n).lower() for n in catalog.formations[formation]
                              .values())}
        if key in names:
            return [p.id for p in sorted(catalog.programs.values(), key=lambda p: p.sort_order)
                    if p.formation == formation]
    return None


def resolve_program(text: str, catalog: Catalog) -> str | None:
    if text in catalog.programs:
        return text
    lower = text.lower()
    for p in catalog.programs.values():
        if lower in (p.id.lower(), p.en.lower()):
            return p.id
    program = catalog.find_program(text)
    return program.id if program else None
