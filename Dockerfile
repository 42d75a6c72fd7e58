# The coach's one image: `glute-coach run --webhook`, `glute-coach dispatch` and
# `glute-coach db upgrade` all run from it (see README "Running in production").
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY pyproject.toml README.md alembic.ini ./
COPY alembic ./alembic
COPY dialogs ./dialogs
COPY bot ./bot
# Installed in place (-e), as `make run` does: the code finds its migrations in /app/alembic.
RUN pip install -e .
# The place index (dialogs/places.py) built at install time: the coach's user cannot write
# there, and every process would otherwise build it in memory at start.
RUN python -m dialogs.places

RUN useradd --system --uid 10001 --home-dir /app coach && mkdir -p data && chown coach data
USER coach

# In a container the servers listen on every interface and logs go out as JSON lines.
ENV LISTEN_ADDRESS=0.0.0.0 \
    LOG_FORMAT=json \
    WEBHOOK_PORT=8080
EXPOSE 8080 9100

# `docker stop` sends SIGTERM: the coach stops taking work and exits within 10 s.
ENTRYPOINT ["glute-coach"]
CMD ["run", "--webhook"]
