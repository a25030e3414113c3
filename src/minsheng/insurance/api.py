from ninja import Router

router = Router(tags=["insurance"])

# Enrolment, contributions and accounts (minsheng.insurance.contribution_api).
from minsheng.insurance.contribution_api import router as contribution_router  # noqa: E402

router.add_router("/", contribution_router)

# Unemployment benefit and personal pensions (minsheng.insurance.benefit_api).
from minsheng.insurance.benefit_api import router as benefit_router  # noqa: E402

router.add_router("/", benefit_router)
