"""The field rules: each length, trim and character rule, with the message clients see."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from gql_invoke.errors import Invalid
from gql_invoke.generation.settings_check import SettingError
from gql_invoke.services import field_rules


def refused(call: Callable[..., object], *args: Any, **kwargs: Any) -> Invalid:
    with pytest.raises(Invalid) as err:
        call(*args, **kwargs)
    return err.value


def test_names_are_trimmed_then_1_to_300_characters() -> None:
    assert field_rules.name("  Holiday  ") == "Holiday"
    assert field_rules.name("x" * 300) == "x" * 300
    for bad in ("", "   ", "x" * 301):
        err = refused(field_rules.name, bad)
        assert err.message == "name must be 1 to 300 characters"
        assert err.extensions == {"field": "name"}


def test_a_shorter_name_limit_and_another_field() -> None:
    assert field_rules.name(" t ", max_len=field_rules.MAX_SHORT_NAME) == "t"
    err = refused(field_rules.name, "x" * 201, "label", 200)
    assert (err.message, err.extensions) == (
        "label must be 1 to 200 characters",
        {"field": "label"},
    )


def test_display_names_are_trimmed_1_to_200_characters() -> None:
    assert field_rules.display_name(" Amy ") == "Amy"
    err = refused(field_rules.display_name, " ")
    assert err.message == "displayName must be 1 to 200 characters"
    assert err.extensions == {"field": "displayName"}
    refused(field_rules.display_name, "x" * 201)


def test_between_does_not_trim() -> None:
    assert field_rules.between(" k ", "key", 1, 3) == " k "
    err = refused(field_rules.between, "", "key", 1, 255)
    assert err.message == "key must be 1 to 255 characters"


def test_text_kept_as_typed_unless_required() -> None:
    assert field_rules.text("  a  ", "description", 10) == "  a  "
    assert field_rules.text("", "description", 10) == ""
    assert field_rules.text("  a  ", "name", 10, required=True) == "a"
    assert refused(field_rules.text, "x" * 11, "description", 10).message == (
        "description must be at most 10 characters"
    )
    assert refused(field_rules.text, "  ", "name", 10, required=True).message == (
        "name must not be empty"
    )


def test_required_text_is_measured_after_trimming() -> None:
    assert field_rules.text(" " * 5 + "abc" + " " * 5, "name", 3, required=True) == "abc"


def test_descriptions_are_at_most_10000_characters() -> None:
    assert field_rules.description("d" * 10_000) == "d" * 10_000
    err = refused(field_rules.description, "d" * 10_001)
    assert err.message == "description must be at most 10000 characters"
    assert err.extensions == {"field": "description"}


def test_prompts_keep_their_whitespace_and_may_be_required() -> None:
    assert field_rules.prompt("  a fox  ", "prompt", required=True) == "  a fox  "
    assert field_rules.prompt("", "negativePrompt") == ""
    err = refused(field_rules.prompt, " \n ", "prompt", required=True)
    assert (err.message, err.extensions) == ("prompt must not be empty", {"field": "prompt"})
    # The length is checked first, on the prompt as typed.
    err = refused(field_rules.prompt, " " * 10_001, "prompt", required=True)
    assert err.message == "prompt must be at most 10000 characters"


def test_emails_are_trimmed_lower_cased_and_checked() -> None:
    assert field_rules.email("  Amy@Example.LOCAL ") == "amy@example.local"
    assert field_rules.email("root@localhost") == "root@localhost"
    for bad in ("amy", "amy@example", "a b@example.com", "@example.com", "a@" + "x" * 320 + ".io"):
        err = refused(field_rules.email, bad)
        assert err.message == "email is not a valid email address"
        assert err.extensions == {"field": "email"}
    assert refused(field_rules.email, "nope", "newEmail").extensions == {"field": "newEmail"}


def test_printable_drops_control_characters_trims_and_cuts() -> None:
    assert field_rules.printable("Agent/1\x00\x1b[31m \n", 255) == "Agent/1[31m"
    assert field_rules.printable("abcdef", 3) == "abc"
    assert field_rules.printable(None, 10) is None
    assert field_rules.printable("\x00\n ", 10) is None


def test_settings_errors_become_invalid_with_the_same_message_and_field() -> None:
    with pytest.raises(Invalid) as err, field_rules.settings_errors():
        raise SettingError("defaults.steps", "defaults.steps must be an integer")
    assert err.value.message == "defaults.steps must be an integer"
    assert err.value.extensions == {"field": "defaults.steps"}
