"""The JSON API at /api/v1/: one NinjaAPI, token authentication, one error shape.

Every error body is {"code", "message", "messages": {"zh-hans", "en"}, "field"}.
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

from minsheng.assistance.api import router as assistance_router
from minsheng.core.api import router as core_router
from minsheng.core.errors import DomainError, NotFound
from minsheng.core.services import user_for_token
from minsheng.insurance.api import router as insurance_router
from minsheng.insurance.pension_api import router as pension_router
from minsheng.jobs.api import router as jobs_router
from minsheng.labour_market.api import router as labour_market_router
from minsheng.occupations.api import router as occupations_router
from minsheng.registry.api import router as registry_router
from minsheng.registry.rollup_api import router as rollup_router
from minsheng.skills.api import router as skills_router


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="minsheng API",
    version="1",
    description="Public employment services and social security administration.",
    auth=TokenAuth(),
    urls_namespace="api",
)


def error_response(request, error: DomainError, status: int | None = None, **extra):
    return api.create_response(request, error.as_dict() | extra, status=status or error.status)


@api.exception_handler(DomainError)
def on_domain_error(request, error: DomainError):
    return error_response(request, error)


@api.exception_handler(AuthenticationError)
def on_authentication_error(request, error):
    refused = DomainError(
        "unauthenticated", _("Authentication failed: a valid API token is required.")
    )
    return error_response(request, refused, status=401)


@api.exception_handler(ValidationError)
def on_validation_error(request, error: ValidationError):
    first = error.errors[0] if error.errors else {}
    location = [
        str(part)
        for part in first.get("loc", ())
        if part not in ("body", "query", "path", "payload")
    ]
    invalid = DomainError(
        "invalid_payload",
        first.get("msg", _("The request is malformed.")),
        field=".".join(location) or None,
    )
    return error_response(request, invalid, status=422, errors=error.errors)


@api.exception_handler(Http404)
def on_not_found(request, error):
    return error_response(request, NotFound("not_found", _("Not found.")))


@api.exception_handler(HttpError)
def on_http_error(request, error: HttpError):
    return error_response(request, DomainError("http_error", str(error)), status=error.status_code)


api.add_router("/", core_router)
api.add_router("/", registry_router)
api.add_router("/", assistance_router)
api.add_router("/", occupations_router)
api.add_router("/", rollup_router)
api.add_router("/", jobs_router)
api.add_router("/", skills_router)
api.add_router("/", labour_market_router)
api.add_router("/", insurance_router)
api.add_router("/", pension_router)
