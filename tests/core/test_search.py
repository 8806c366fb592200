"""The search box grammar, parsed without Qt or SQL."""

from __future__ import annotations

from goosetier.core.search import SearchIssue, Term, parse, tokenize


def test_plain_words_and_quotes():
    q = parse('海容 "青岛 明月" “瑞 丰”')
    assert [t.values for t in q.terms] == [("海容",), ("青岛 明月",), ("瑞 丰",)]
    assert all(t.field == "text" for t in q.terms) and not q.issues


def test_field_terms_resolve_tiers_and_programs():
    q = parse("tier:小巨人 program:high_tech,gazelle cluster:芯屏 year:2024 valid:yes "
              "street:灵珠山 code:missing")
    assert q.terms[0] == Term("program", ("little_giant",))
    assert q.terms[1] == Term("program", ("high_tech", "gazelle"))
    assert Term("cluster", ("芯屏",)) in q.terms
    assert Term("street", ("灵珠山",)) in q.terms
    assert Term("code", ("missing",)) in q.terms
    assert q.year == 2024 and q.validity == "valid" and q.issues == []


def test_tier_names_and_formations():
    assert parse("tier:专精特新").terms[0].values == ("innovative_sme", "specialized_sme",
                                                   "little_giant")
    head = parse("tier:头雁").terms[0].values
    assert "listed" in head and "head_goose_50b" in head
    assert parse("tier:雏雁").terms[0].values == parse("tier:小升规").terms[0].values


def test_chinese_field_names_full_width_colon_and_negation():
    q = parse("梯度：小巨人 -称号:listed 年份:2023 有效:否")
    assert q.terms[0].values == ("little_giant",)
    assert q.terms[1] == Term("program", ("listed",), negate=True)
    assert q.year == 2023 and q.validity == "expired"


def test_bad_terms_are_reported_and_dropped():
    q = parse('海容 foo:bar year:20x4 tier:火箭 valid:maybe program: "unclosed')
    codes = [i.code for i in q.issues]
    assert codes == ["search_unclosed_quote", "search_unknown_field", "search_bad_year",
                     "search_unknown_tier", "search_bad_valid", "search_empty_value"]
    assert q.issues[1] == SearchIssue("search_unknown_field", {"field": "foo"})
    assert [t.values for t in q.terms] == [("海容",), ("unclosed",)]
    assert q.year is None and q.validity is None


def test_code_values_and_empty_query():
    assert parse("code:9137 0211").terms[0] == Term("code", ("91370211",)) or \
        parse("code:9137").terms[0] == Term("code", ("9137",))
    assert parse("code:warning").terms[0].values == ("warning",)
    assert parse("").is_empty and parse("   ").is_empty


def test_tokenize_keeps_quoted_spaces():
    assert tokenize('a "b c" d') == (["a", "b c", "d"], [])
