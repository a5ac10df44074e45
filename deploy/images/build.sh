#!/usr/bin/env bash
# Builds the four service images with Jib (the `images` Maven profile of each service) and the web client's image.
#   deploy/images/build.sh --push REGISTRY   push multi-arch images (amd64, arm64) to REGISTRY (e.g. ghcr.io/acme)
#   deploy/images/build.sh --daemon          load into the local Docker engine (then: docker compose up)
#   deploy/images/build.sh --tar DIR         no engine, no push: write docker-load tarballs DIR/<service>.tar
#                                            (`docker load -i`, `kind load image-archive`, `skopeo copy`)
# Options: --tag TAG (default: the Maven version), --base IMAGE (replace the UBI OpenJDK base; `scratch` makes a
# non-runnable image for offline checks of the layers and metadata: deploy/check.sh uses it where no registry is
# reachable).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
services=user-service,chat-service,image-service,gateway-service
mode="" target="" tag="" base=""
while [ $# -gt 0 ]; do
  case "$1" in
    --push) mode=push; target=${2:?registry}; shift 2 ;;
    --daemon) mode=daemon; shift ;;
    --tar) mode=tar; target=${2:?directory}; shift 2 ;;
    --tag) tag=${2:?tag}; shift 2 ;;
    --base) base=${2:?image}; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
[ -n "$mode" ] || { sed -n '2,10p' "$0"; exit 2; }

args=(-B -Pimages -pl "$services" -am package -Dmaven.test.skip=true)  # -am: the libraries they need, from this tree
[ -n "$tag" ] && args+=("-Dquarkus.container-image.tag=$tag")
# With a base other than the UBI OpenJDK images Quarkus starts `java <the profile's JVM flags> -jar quarkus-run.jar`
# itself (the UBI images get the flags through JAVA_OPTS_APPEND and run-java.sh).
[ -n "$base" ] && args+=("-Dquarkus.jib.base-jvm-image=$base")
case "$mode" in
  push)
    args+=("-Dquarkus.container-image.registry=${target%%/*}" "-Dquarkus.container-image.push=true"
           "-Dquarkus.jib.platforms=linux/amd64,linux/arm64")
    [[ "$target" == */* ]] && args+=("-Dquarkus.container-image.group=${target#*/}")
    ;;
  tar)
    mkdir -p "$target"
    target=$(cd "$target" && pwd)
    # Jib's "local daemon" target pipes the image to `docker load`; this stand-in writes it to a file instead.
    export JIB_IMAGE_DIR="$target"
    args+=("-Dquarkus.jib.docker-executable-name=$here/docker-load-to-tar")
    ;;
esac
(cd "$repo" && ./mvnw "${args[@]}")

web_tag=${tag:-0.1.0-SNAPSHOT}
case "$mode" in
  push)   web_ref="$target/web-client:$web_tag"
          echo "web client: docker buildx build --platform linux/amd64,linux/arm64 -f deploy/web/Dockerfile -t $web_ref --push ." ;;
  daemon) web_ref="ai-studio-3d/web-client:$web_tag" ;;
  tar)    echo "web client: its image needs a container builder (docker build -f deploy/web/Dockerfile .); not built in --tar mode"
          ls -l "$target"; exit 0 ;;
esac
if [ ! -f "$repo/web-client/dist/index.html" ]; then
  (cd "$repo/web-client" && npm ci && npm run build)
fi
if [ "$mode" = daemon ]; then
  docker build -f "$repo/deploy/web/Dockerfile" -t "$web_ref" "$repo"
else
  docker buildx build --platform linux/amd64,linux/arm64 -f "$repo/deploy/web/Dockerfile" -t "$web_ref" --push "$repo"
fi
