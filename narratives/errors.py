"""One exception hierarchy. Every error has a stable `code`, an HTTP status and an exit code.

Messages say what was wrong and what to do. The service maps these to
`application/problem+json`; the CLI prints `format_message()` and exits with `exit_code`.
"""
from __future__ import annotations


class NarrativesError(Exception):
    code = "narratives_error"
    http_status = 500
    exit_code = 1
    title = "Internal error"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def format_message(self) -> str:
        return f"{self.code}: {self.message}"


class InputError(NarrativesError):
    """The input itself is unusable (empty, oversize, undecodable, malformed)."""

    code = "invalid_input"
    http_status = 422
    title = "Invalid input"


class EmptyTextError(InputError):
    code = "empty_text"
    title = "Empty article text"


class TextTooLongError(InputError):
    code = "text_too_long"
    title = "Article text too long"


class TooManyClaimsError(InputError):
    """An article yields more attributed statements than `Settings.max_claims_per_article`."""

    code = "too_many_claims"
    title = "Too many claims in one article"


class RequestTooLargeError(InputError):
    """More text than one synchronous request analyses (`Settings.max_sync_chars`)."""

    code = "request_too_large"
    http_status = 413
    title = "Request too large for synchronous analysis"

    def __init__(self, message: str, *, errors: list[dict[str, str]] | None = None) -> None:
        super().__init__(message, field="text")
        self.errors = errors or []


class DecodeError(InputError):
    code = "undecodable_input"
    title = "Input is not valid text"


class UnsupportedFormatError(InputError):
    code = "unsupported_format"
    title = "Unsupported input format"


class ModelUnavailableError(NarrativesError):
    """A model package or artifact is missing; the message names what to install."""

    code = "model_unavailable"
    http_status = 503
    title = "Model unavailable"


class RegistryError(NarrativesError):
    code = "invalid_registry"
    http_status = 500
    title = "Invalid actor registry"


class NotFoundError(NarrativesError):
    code = "not_found"
    http_status = 404
    title = "Not found"


class DataError(NarrativesError):
    """An evaluation or training data set is missing or malformed."""

    code = "data_error"
    http_status = 500
    title = "Data error"


class EngineError(NarrativesError):
    """The batch engine cannot run (Ray missing, its cluster unreachable, an actor died)."""

    code = "engine_unavailable"
    http_status = 503
    title = "Batch engine unavailable"


class ConfigurationError(NarrativesError):
    """The deployment is set up in a way that would lose data; the message says what to change."""

    code = "invalid_configuration"
    http_status = 500
    title = "Invalid configuration"
