from __future__ import annotations

import pytest

from goosetier.core.codes import CodeStatus, check_code, make_code, normalize_code, org_check_char

PUBLIC = ["912201011239989159", "91350200776049653A", "91350200MA2YJ1XR9G", "9135021359498494XQ"]


@pytest.mark.parametrize("code", PUBLIC)
def test_public_codes_pass_both_checks(code):
    result = check_code(code)
    assert result.status is CodeStatus.VALID
    assert result.code == code


def test_normalisation_full_width_spaces_lower_case():
    assert normalize_code(" ９１３５０２００ 7760 4965 3a\n") == "91350200776049653A"
    assert check_code("９１３５０２００ ７７６０４９６５３ａ").status is CodeStatus.VALID


def test_wrong_check_character_is_a_warning_naming_the_right_one():
    result = check_code("912201011239989158")
    assert result.status is CodeStatus.BAD_CHECK
    assert result.expected == "9"
    assert result.usable and not result.ok


def test_wrong_organisation_check_is_caught_even_when_position_18_fits():
    # change position 17 and recompute position 18 so only the GB 11714 check fails
    from goosetier.core.codes import check_digit

    body = "91350200776049653"
    wrong17 = body[:16] + "4"
    code = wrong17 + check_digit(wrong17)
    result = check_code(code)
    assert result.status is CodeStatus.BAD_ORG_CHECK
    assert result.expected == "3"


@pytest.mark.parametrize("bad", ["9122010112399891", "9122010112399891590", "91220101123998915O",
                                 "91220101I23998915Z", "统一社会信用代码"])
def test_wrong_length_or_alphabet_is_malformed(bad):
    assert check_code(bad).status is CodeStatus.MALFORMED
    assert not check_code(bad).usable


@pytest.mark.parametrize("damaged", [912201011239989159.0, 9.12201011239989e17, 913502001234567,
                                     "9.12201E+17", "912201011239989000.0"])
def test_codes_that_arrived_as_numbers_are_damaged(damaged):
    assert check_code(damaged).status is CodeStatus.DAMAGED


@pytest.mark.parametrize("empty", [None, "", "   ", "\u3000"])
def test_empty(empty):
    assert check_code(empty).status is CodeStatus.EMPTY


def test_org_check_examples():
    # 77604965-3 is the organisation code inside 91350200776049653A
    assert org_check_char("77604965") == "3"
    assert org_check_char("MA2YJ1XR") == "9"


def test_made_codes_are_valid():
    assert check_code(make_code("91370211", "MA3C1234")).status is CodeStatus.VALID
