# syntax=docker/dockerfile:1
# Two stages: a static binary, then Debian slim with Apertium, as non-root
# (uid 65532). internal/container's test checks what this file promises.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/los ./cmd/los
# An empty data directory to copy in with its owner.
RUN mkdir -p /out/data

# Debian slim, not distroless: Los translates between Bokmål and Nynorsk
# with Apertium (apertium-nno-nob), a pipeline of some twenty programs that
# bash starts and that need their shared libraries and dictionaries; a
# distroless image has neither a shell nor a way to install them. The same
# Debian release as the build stage and as the apertium-nno-nob that
# `make test` runs. ca-certificates: webhooks over HTTPS (distroless had
# them built in). The user is distroless's nonroot, uid and gid 65532.
FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends apertium-nno-nob ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 65532 nonroot \
 && useradd --system --uid 65532 --gid 65532 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin nonroot
COPY --from=build /out/los /los
# /data must exist in the image owned by los's user: Docker fills a new named
# volume from the image's directory, owner included; without it the mount
# point is root's and los cannot create los.db.
COPY --from=build --chown=65532:65532 /out/data /data
# LOS_APERTIUM_IDLE: each of the two Apertium pipelines holds ~300 MiB while
# it runs; it starts at the first translation and stops after this long
# unused (0: both run from start-up, never stopped).
ENV LOS_ADDR=0.0.0.0:8080 \
    LOS_DATA=/data \
    OLLAMA_HOST=http://ollama:11434 \
    LOS_APERTIUM_IDLE=30m
VOLUME ["/data"]
EXPOSE 8080
# Numeric, so that Kubernetes' runAsNonRoot can verify it (nonroot:nonroot).
USER 65532:65532
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["/los", "health"]
ENTRYPOINT ["/los"]
CMD ["serve"]
