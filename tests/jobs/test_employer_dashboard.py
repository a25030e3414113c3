import pytest

from minsheng.jobs.models import Employer

pytestmark = pytest.mark.django_db


def test_an_employer_dashboard_shows_only_its_own_firm(signed_in_as, make_user):
    user = make_user("hr_hengtai", role="employer")
    own = Employer.objects.create(
        credit_code="91330106MA2B3C4D5X", name="杭州恒泰机械制造有限公司", industry="C",
        size="small", region_id="330106", province_code="330000",
    )  # fmt: skip
    own.accounts.add(user)
    Employer.objects.create(
        credit_code="91330108MA2B3C4D6Y", name="杭州别家电子科技有限公司", industry="C",
        size="small", region_id="330108", province_code="330000",
    )  # fmt: skip

    page = signed_in_as(user).get("/").content.decode()

    assert "杭州恒泰机械制造有限公司" in page
    assert "杭州别家电子科技有限公司" not in page
