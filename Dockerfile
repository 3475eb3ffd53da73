# syntax=docker/dockerfile:1
# Two stages: a static binary, then distroless as non-root.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/los ./cmd/los

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/los /los
ENV LOS_ADDR=0.0.0.0:8080 \
    LOS_DATA=/data \
    OLLAMA_HOST=http://ollama:11434
VOLUME ["/data"]
EXPOSE 8080
USER nonroot:nonroot
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["/los", "health"]
ENTRYPOINT ["/los"]
CMD ["serve"]
