# syntax=docker/dockerfile:1
# Two stages: a static binary, then distroless as non-root (uid 65532).
# internal/container's test checks what this file promises.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/los ./cmd/los
# An empty data directory to copy: distroless has no mkdir.
RUN mkdir -p /out/data

# Distroless has no shell and no apt: should Los need Apertium at run time
# (apertium-nno-nob for Bokmål-Nynorsk), it cannot be added here, and this
# stage would move to debian:bookworm-slim with apt-get install and a
# nonroot user of uid 65532, keeping the checks of internal/container.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/los /los
# /data must exist in the image owned by los's user: Docker fills a new named
# volume from the image's directory, owner included; without it the mount
# point is root's and los cannot create los.db.
COPY --from=build --chown=65532:65532 /out/data /data
ENV LOS_ADDR=0.0.0.0:8080 \
    LOS_DATA=/data \
    OLLAMA_HOST=http://ollama:11434
VOLUME ["/data"]
EXPOSE 8080
# Numeric, so that Kubernetes' runAsNonRoot can verify it (nonroot:nonroot).
USER 65532:65532
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["/los", "health"]
ENTRYPOINT ["/los"]
CMD ["serve"]
