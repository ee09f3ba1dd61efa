"""Request and response models (pydantic v2). They validate the API and feed the OpenAPI document."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator

MAX_ARTICLES = 100


def _plain_text(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError("must not contain lone surrogate code points; send valid UTF-8") from exc
    return value


def _date_string(value: object) -> object:
    """JSON has no date type: a date is a "YYYY-MM-DD" string, never a number (pydantic
    would read 0 as 1970-01-01)."""
    if not isinstance(value, (str, dt.date)):
        raise ValueError("must be a date as a YYYY-MM-DD string")
    return value


Text = Annotated[str, AfterValidator(_plain_text)]
IsoDate = Annotated[dt.date, BeforeValidator(_date_string)]
ShortText = Annotated[str, Field(max_length=2000), AfterValidator(_plain_text)]


class ArticleIn(BaseModel):
    """One article: `text` or `html` (not both), with optional metadata."""

    model_config = ConfigDict(extra="forbid")

    text: Text | None = Field(None, description="Plain article text")
    html: Text | None = Field(None, description="An HTML page; its main text is extracted")
    title: ShortText | None = None
    url: ShortText | None = None
    outlet: Annotated[str, Field(max_length=200), AfterValidator(_plain_text)] | None = None
    published: IsoDate | None = Field(None, description="YYYY-MM-DD")
    language: Annotated[str, Field(max_length=20), AfterValidator(_plain_text)] | None = None
    id: ShortText | None = Field(None, description="Your own id for the article; the stored id is a content hash")

    def record(self) -> dict[str, object]:
        return self.model_dump(exclude_none=True)


ArticlesIn = Annotated[list[ArticleIn], Field(min_length=1, max_length=MAX_ARTICLES)]


class ClaimOut(BaseModel):
    """A claim as in DESIGN.md's claims.jsonl; spans are `[start, end]` into the article text."""

    id: str
    article_id: str
    text: str
    start: int
    end: int
    content_spans: list[list[int]]
    sentence: list[int]
    speaker: str
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    kind: str
    side: str
    side_confidence: float
    side_evidence: str
    event_id: str | None
    sentence_text: str | None = None
    article_title: str | None = None
    article_url: str | None = None

    model_config = ConfigDict(extra="allow")


class PairOut(BaseModel):
    id: str
    event_id: str
    a: str
    b: str
    side_a: str
    side_b: str
    relation: Literal["contradicts", "corroborates", "related"]
    similarity: float
    contradiction: float
    rationale: str

    model_config = ConfigDict(extra="allow")


class EventOut(BaseModel):
    id: str
    label: str
    start_date: dt.date | None
    end_date: dt.date | None
    claim_ids: list[str]
    sides: list[str]
    article_ids: list[str] = []
    outlets: list[str] = []


class EventListItem(EventOut):
    """A row of the events list: the event with its articles, outlets and disputes."""

    article_ids: list[str]
    outlets: list[str]
    disputes: int = Field(description="Number of `contradicts` pairs")
    disputed: bool = Field(description="Claims of two or more sides and at least one `contradicts` pair")


class EventView(BaseModel):
    """The comparison view: claims grouped by side, and the claim vs counter-claim pairs."""

    id: str
    label: str
    start_date: dt.date | None
    end_date: dt.date | None
    sides: dict[str, list[ClaimOut]]
    pairs: list[PairOut]
    article_ids: list[str] = []
    outlets: list[str] = []


class ArticleSummaryOut(BaseModel):
    id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: dt.date | None
    language: str | None
    chars: int
    claims: int
    created_at: dt.datetime | None = None


class ArticleEventsOut(BaseModel):
    """The events an article belongs to (`GET /articles/{id}` and `POST /analyze`)."""

    event_id: str | None = Field(None, description="The article's story: its main event")
    event_ids: list[str] = Field(default_factory=list, description="Its story first, then events of claims about other incidents")


class ArticleOut(ArticleEventsOut):
    id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: dt.date | None
    language: str | None
    text: str
    claims: list[ClaimOut]
    pairs: list[PairOut]


class AnalysedArticleOut(ArticleSummaryOut, ArticleEventsOut):
    """An article of `POST /analyze`: its summary and its events in the scratch index."""


class PostedArticleOut(BaseModel):
    id: str
    duplicate: bool
    ignored_fields: list[str] = Field(
        default_factory=list,
        description="On a duplicate: the posted fields that differ from the stored article (the stored values are kept)",
    )
    claims: list[ClaimOut]
    pairs: list[PairOut]


class PostedArticlesOut(BaseModel):
    items: list[PostedArticleOut]


class AnalysisOut(BaseModel):
    articles: list[AnalysedArticleOut]
    claims: list[ClaimOut]
    events: list[EventOut]
    pairs: list[PairOut]


class ArticlePage(BaseModel):
    items: list[ArticleSummaryOut]
    next_cursor: str | None


class ClaimPage(BaseModel):
    items: list[ClaimOut]
    next_cursor: str | None


class EventPage(BaseModel):
    items: list[EventListItem]
    next_cursor: str | None


class PairPage(BaseModel):
    items: list[PairOut]
    next_cursor: str | None


class SidesOut(BaseModel):
    sides: list[dict[str, object]]
    actors: list[dict[str, object]]


class Health(BaseModel):
    status: Literal["ok", "unavailable"]
    components: dict[str, str] = {}
    queue: dict[str, int] | None = Field(None, description="Analysis jobs: queued, running, capacity (readyz)")


class JobArticleOut(BaseModel):
    id: str
    duplicate: bool
    claims: int
    pairs: int


class JobOut(BaseModel):
    """An analysis job: poll its `Location` until `status` is done or failed."""

    id: str
    status: Literal["queued", "running", "done", "failed"]
    created_at: dt.datetime
    finished_at: dt.datetime | None
    articles: list[JobArticleOut]
    error: dict[str, str] | None


class FieldError(BaseModel):
    field: str
    code: str
    message: str


class Problem(BaseModel):
    type: str
    title: str
    status: int
    detail: str
    code: str
    instance: str | None = None
    errors: list[FieldError] | None = None


class ListQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    limit: int = Field(20, ge=1, le=100)
    cursor: Annotated[str, Field(max_length=500)] | None = None


class ClaimQuery(ListQuery):
    side: Annotated[str, Field(max_length=64)] | None = None
    event: Annotated[str, Field(max_length=64)] | None = None
    q: Annotated[str, Field(max_length=200), AfterValidator(_plain_text)] | None = None


class EventQuery(ListQuery):
    """`GET /api/v1/events` and the home page: filters of the events list."""

    side: Annotated[str, Field(max_length=64)] | None = None
    outlet: Annotated[str, Field(max_length=200), AfterValidator(_plain_text)] | None = None
    date_from: dt.date | None = Field(None, alias="from", description="Events that end on or after this day")
    date_to: dt.date | None = Field(None, alias="to", description="Events that start on or before this day")
    disputed: bool = Field(False, description="Only events with claims of two or more sides and a `contradicts` pair")
    q: Annotated[str, Field(max_length=200), AfterValidator(_plain_text)] | None = None

    @field_validator("side", "outlet", "date_from", "date_to", "q", mode="before")
    @classmethod
    def _blank_is_absent(cls, value: object) -> object:
        """An empty form field means "any" (GET forms send every field)."""
        return None if isinstance(value, str) and not value.strip() else value


class ExportRow(BaseModel):
    """One claim vs counter-claim pair of an event, flat (a CSV row)."""

    pair_id: str
    relation: Literal["contradicts", "corroborates", "related"]
    contradiction: float
    similarity: float
    side: str
    speaker: str
    claim: str
    counter_side: str
    counter_speaker: str
    counter_claim: str
    rationale: str
    article_url: str | None
    counter_article_url: str | None
    article_page: str
    counter_article_page: str


class EventExport(BaseModel):
    """An event's comparison: the event, its sources, and one row per pair."""

    event: EventListItem
    rows: list[ExportRow]


class PairQuery(ListQuery):
    event: Annotated[str, Field(max_length=64)] | None = None
    relation: Literal["contradicts", "corroborates", "related"] | None = None
    min_score: float | None = Field(None, ge=0.0, le=1.0, allow_inf_nan=False)
