# gql-invoke on the CPU: `docker build -t gql-invoke .` then
#   docker run -p 9090:9090 -v gql-invoke-data:/data gql-invoke
# The root (config, SQLite database, images, models) is the volume /data. Multi-user
# mode is on: a server listening on 0.0.0.0 without sign-in would make everyone who can
# reach the port an admin (start-up refuses that unless allow_unauthenticated_network).
# For CUDA see docs/deployment.md ("Container").
FROM python:3.11-slim

ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    GQL_INVOKE_ROOT=/data \
    GQL_INVOKE_MULTIUSER=true

# torch first, from PyTorch's CPU index: from PyPI it would be the CUDA build (GBs).
RUN pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu

WORKDIR /src
COPY pyproject.toml README.md ./
COPY gql_invoke ./gql_invoke
COPY schema ./schema
COPY resolvers ./resolvers
COPY migrations ./migrations
# A regular (not editable) install: the source folder is not needed at run time.
RUN pip install . && rm -rf /src

RUN useradd --create-home --uid 1000 gql && mkdir /data && chown gql /data
USER gql
WORKDIR /data
VOLUME /data
EXPOSE 9090

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:9090/healthz')"

CMD ["gql-invoke", "serve", "--host", "0.0.0.0", "--root", "/data"]
