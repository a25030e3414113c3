"""`{% rule_link name %}`: a legal parameter named where a page applies it, in the reader's
language, linked to its page, the dotted name kept only in the link's title."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation

NAME = "insurance.unemployment.minimum_contribution_months"


def rendered(name: str, language: str) -> str:
    with translation.override(language):
        return Template("{% load parameters %}{% rule_link name %}").render(Context({"name": name}))


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("zh-hans", "领取失业保险金所需的缴费时间"),
        ("en", "Contribution needed before unemployment benefit is paid"),
    ],
)
def test_a_rule_reads_as_what_it_is_and_links_to_its_page(language, words):
    link = rendered(NAME, language)

    assert f'href="/parameters/{NAME}/"' in link
    assert f'title="{NAME}"' in link
    assert visible_text(link) == words


def test_an_unknown_name_is_shown_as_it_is_written():
    assert visible_text(rendered("insurance.no_such_rule", "zh-hans")) == "insurance.no_such_rule"
    assert rendered("", "zh-hans") == '<code class="rule-link"></code>'
