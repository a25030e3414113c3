"""Reading a table in bounded chunks of plain columns, in primary-key order."""

import pytest

from minsheng.core.chunks import ColumnChunks
from minsheng.core.models import User

pytestmark = pytest.mark.django_db


def test_rows_come_in_chunks_of_the_size_asked_in_key_order_under_the_names_given(make_user):
    made = [make_user(f"reader{i}", role="analyst", region_code="330000") for i in (3, 1, 4, 5, 2)]
    chunks = ColumnChunks(
        User.objects.filter(username__startswith="reader").order_by("-username"),
        {"user_id": "pk", "login": "username", "region_code": "region_id"},
        size=2,
    )

    read = list(chunks)

    assert [len(chunk["user_id"]) for chunk in read] == [2, 2, 1]
    assert [login for chunk in read for login in chunk["login"]] == [u.username for u in made]
    assert [pk for chunk in read for pk in chunk["user_id"]] == sorted(u.pk for u in made)
    assert {code for chunk in read for code in chunk["region_code"]} == {"330000"}
    assert (chunks.count(), chunks.names) == (5, ("user_id", "login", "region_code"))


def test_no_rows_give_no_chunks():
    assert list(ColumnChunks(User.objects.none(), {"user_id": "pk"})) == []
