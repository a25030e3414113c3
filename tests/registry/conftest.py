import datetime

import pytest
from stdnum.cn import ric

from minsheng.core.regions import region_tree
from minsheng.registry.models import Person


@pytest.fixture
def make_person(db):
    """A factory: a person born 1990-01-01 in `region_code` with a valid identity number."""

    def make(name: str, region_code: str, *, sequence: int = 1, account=None) -> Person:
        return Person.objects.create(
            identity_number=identity(region_code, "19900101", sequence),
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


def identity(region: str, born: str, sequence: int) -> str:
    body = f"{region}{born}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")


class ListRows:
    """Rows of the list an office sends: a graduate and a registered unemployed young person."""

    HEADERS = ["姓名", "身份证号", "性别", "手机号", "毕业时间", "所在地区", "人员类别", "登记日期"]
    GRADUATE = identity("330106", "20030315", 11)
    YOUTH = identity("330106", "20050720", 22)

    def graduate(self, region="330106") -> list:
        return [
            "陈明",
            self.GRADUATE,
            "男",
            "13912345678",
            "2025-06",
            region,
            "高校毕业生",
            "2025-09-01",
        ]

    def youth(self, region="330106") -> list:
        return ["林芳", self.YOUTH, "女", "", "", region, "登记失业青年", "2025-09-01"]

    def csv(self, rows: list[list], *, headers=None) -> bytes:
        lines = [",".join(headers or self.HEADERS)]
        lines += [",".join(str(cell) for cell in row) for row in rows]
        return "\r\n".join(lines).encode()


@pytest.fixture
def list_rows() -> ListRows:
    return ListRows()
