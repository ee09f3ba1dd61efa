# The narratives service: gunicorn, models preloaded, non-root, SQLite store in a volume.
# Installs exactly the Python environment `make install` installs, through the same
# scripts/install.sh (`python`: the image serves, it runs no browser tests, so no chromium).
# No image registry is reachable on the project's machines: the image is linted
# (tests/test_dockerfile.py, hadolint), not built, there.
FROM python:3.11-slim-bookworm AS build
WORKDIR /app
# torch==2.13.0 must resolve to the CPU wheel; on PyPI alone it would pull a multi-GB CUDA build.
ENV PIP_NO_CACHE_DIR=1 \
    PIP_EXTRA_INDEX_URL=https://download.pytorch.org/whl/cpu
COPY requirements.txt pyproject.toml README.md ./
COPY scripts ./scripts
COPY narratives ./narratives
COPY models ./models
COPY service ./service
COPY seeds ./seeds
# Readable by the non-root runtime user whatever modes the build context had.
RUN bash scripts/install.sh python && chmod -R a+rX /app

FROM python:3.11-slim-bookworm
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin narratives \
    && mkdir -p /data && chown narratives:narratives /data
COPY --from=build /app /app
WORKDIR /app
# DL3064 mistakes TOKENIZERS_PARALLELISM (a tokenizer switch) for a secret.
# hadolint ignore=DL3064
ENV PATH=/app/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    TOKENIZERS_PARALLELISM=false \
    NARRATIVES_DATA_DIR=/data
VOLUME ["/data"]
USER 10001
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=4)"]
# One worker with threads: the in-memory index lives in the worker (see docs/service.md).
CMD ["gunicorn", "--preload", "--workers", "1", "--threads", "8", "--timeout", "120", \
     "--bind", "0.0.0.0:8000", "--access-logfile", "-", "service.wsgi:app"]
