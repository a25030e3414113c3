import datetime

import pytest
from stdnum.cn import ric

from minsheng.core.regions import region_tree
from minsheng.registry.models import Person


@pytest.fixture
def make_person(db):
    """A factory: a person born 1990-01-01 in `region_code` with a valid identity number."""

    def make(name: str, region_code: str, *, sequence: int = 1, account=None) -> Person:
        body = f"{region_code}19900101{sequence:03d}"
        return Person.objects.create(
            identity_number=body + ric.calc_check_digit(body + "0"),
            name=name,
            sex="M" if sequence % 2 else "F",
            birth_date=datetime.date(1990, 1, 1),
            region_id=region_code,
            province_code=region_tree().province_of(region_code),
            phone="13812345678",
            account=account,
        )

    return make


@pytest.fixture
def people(make_person):
    return {
        "xihu": make_person("王西湖", "330106", sequence=1),
        "binjiang": make_person("李滨江", "330108", sequence=2),
        "chaoyang": make_person("张朝阳", "110105", sequence=3),
    }
