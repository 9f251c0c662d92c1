#!/usr/bin/env bash
# Builds one OCI image per app of deploy/apps.tsv without a Docker daemon, from Debian packages and NuGet only:
#   1. a minimal Debian base file system made with debootstrap (minbase, CA certificates, OpenSSL, user 10001),
#      imported with buildah as purifierrental/base:<debian suite>; made once, again with --rebuild-base;
#   2. each app published self-contained for linux-x64 (no .NET in the base) with health-probe beside it;
#   3. each image assembled with buildah: root-owned files, non-root user, a read-only root file system is
#      enough (writes go to /tmp only), a HEALTHCHECK that asks grpc.health.v1, OCI labels with the version.
# With --check it then runs every image with podman under DevMesh (a sidecar per app, in-memory components)
# and asks each container's HEALTHCHECK until every app answers Serving.
#
# Usage: scripts/build-images.sh [--check] [--rebuild-base] [app-id ...]     (default: every app)
# The tag is deploy/VERSION; deploy/Dockerfile builds the same image with a normal registry's tooling.
set -euo pipefail
cd "$(dirname "$0")/.."

check=false
rebuild_base=false
selected=()
for arg in "$@"; do
  case "$arg" in
    --check) check=true ;;
    --rebuild-base) rebuild_base=true ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option $arg" >&2; exit 2 ;;
    *) selected+=("$arg") ;;
  esac
done

# Installs what this script needs: the image tools are slow to install, so the test prerequisites leave them out.
tools=()
command -v debootstrap >/dev/null 2>&1 || tools+=(debootstrap)
command -v buildah >/dev/null 2>&1 || tools+=(buildah)
command -v podman >/dev/null 2>&1 || tools+=(podman fuse-overlayfs netavark aardvark-dns)
command -v runc >/dev/null 2>&1 || tools+=(runc)
if ((${#tools[@]})); then
  echo "Installing ${tools[*]} ..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${tools[@]}" >/dev/null
fi

version=$(tr -d '[:space:]' < deploy/VERSION)
revision=$(git rev-parse HEAD 2>/dev/null || echo unknown)
git diff --quiet HEAD 2>/dev/null || revision="$revision-dirty"
created=$(date -u +%Y-%m-%dT%H:%M:%SZ)
suite=bookworm
base=localhost/purifierrental/base:$suite
work=${IMAGE_WORK_DIR:-artifacts/images}
mkdir -p "$work"
work=$(cd "$work" && pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Docker image format throughout: the OCI format has no HEALTHCHECK.
export BUILDAH_FORMAT=docker

# app-id, project, port of every app to build (all of deploy/apps.tsv, or those named).
apps=()
while IFS=$'\t' read -r app project port _; do
  [[ -z "$app" || "$app" == \#* ]] && continue
  if ((${#selected[@]})) && [[ ! " ${selected[*]} " == *" $app "* ]]; then continue; fi
  apps+=("$app|$project|$port")
done < deploy/apps.tsv
((${#apps[@]})) || { echo "no app of deploy/apps.tsv matches: ${selected[*]}" >&2; exit 2; }

build_base() {
  local rootfs=$work/rootfs mirror
  # The mirror apt uses here, so the base comes from the same Debian packages as the machine's own.
  mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  mirror=${mirror:-http://deb.debian.org/debian}
  rm -rf "$rootfs"
  echo "debootstrap $suite (minbase) from $mirror ..."
  debootstrap --variant=minbase --include=ca-certificates,libssl3 "$suite" "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
  # What a running app never needs: package caches and lists, documentation, locales.
  rm -rf "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/{doc,man,info,locale}/* "$rootfs"/var/log/*
  echo 'app:x:10001:10001:app:/nonexistent:/usr/sbin/nologin' >> "$rootfs/etc/passwd"
  echo 'app:x:10001:' >> "$rootfs/etc/group"
  tar -C "$rootfs" --numeric-owner -cf "$work/rootfs.tar" .
  rm -rf "$rootfs"
  local ctr
  ctr=$(buildah from scratch)
  buildah add --quiet "$ctr" "$work/rootfs.tar" / >/dev/null
  buildah config --label org.opencontainers.image.title="purifierrental base ($suite minbase)" \
    --label org.opencontainers.image.created="$created" --env LANG=C.UTF-8 "$ctr"
  buildah commit --quiet --rm "$ctr" "$base" >/dev/null
  rm -f "$work/rootfs.tar"
}

build_app() {
  local app=$1 project=$2 port=$3 out=$work/$1 assembly ctr image
  assembly=$(basename "$project" .csproj)
  image=localhost/purifierrental/$app:$version
  rm -rf "$out"
  echo "$app: dotnet publish (self-contained, linux-x64) ..."
  dotnet publish "$project" -c Release -r linux-x64 --self-contained -p:CI=true -nologo -v:q -o "$out"
  dotnet publish deploy/images/HealthProbe/PurifierRental.HealthProbe.csproj -c Release -r linux-x64 --self-contained \
    -p:CI=true -nologo -v:q -o "$out"
  ctr=$(buildah from --quiet "$base")
  # Files stay root's and read-only to the app's user: the app writes nothing but /tmp.
  buildah add --quiet "$ctr" "$out" /app >/dev/null
  buildah config \
    --user 10001:10001 --workingdir /app --port "$port" \
    --env APP_ID="$app" --env APP_PORT="$port" --env APP_LISTEN_ADDRESS=0.0.0.0 \
    --env DOTNET_RUNNING_IN_CONTAINER=true \
    --entrypoint "[\"/app/$assembly\"]" --cmd '[]' \
    --stop-signal SIGTERM \
    --healthcheck 'CMD /app/health-probe' --healthcheck-interval 10s --healthcheck-timeout 5s \
    --healthcheck-start-period 10s --healthcheck-retries 3 \
    --label org.opencontainers.image.title="purifierrental $app" \
    --label org.opencontainers.image.version="$version" \
    --label org.opencontainers.image.revision="$revision" \
    --label org.opencontainers.image.created="$created" \
    --label org.opencontainers.image.source="$(git config --get remote.origin.url 2>/dev/null || echo purifierrental)" \
    --label io.dapr.app-id="$app" \
    "$ctr"
  # Docker format: the OCI image format has no HEALTHCHECK.
  buildah commit --quiet --rm --format docker "$ctr" "$image" >/dev/null
  echo "$app: $image $(podman image inspect --format '{{.Digest}} {{.Size}}' "$image" | awk '{printf "%s, %d MB", $1, $2/1e6}')"
}

if $rebuild_base || ! podman image exists "$base"; then build_base; fi
for entry in "${apps[@]}"; do
  IFS='|' read -r app project port <<<"$entry"
  build_app "$app" "$project" "$port"
done

$check || exit 0

# Runs the images the way daprd's injector runs the pods: the app in its container (read-only root, /tmp a
# tmpfs, no capabilities), its sidecar beside it on the same network. DevMesh passes each app its ports and tokens.
# runc, not crun: crun refuses hosts whose cgroups are in hybrid mode. The limits are set below the host's hard
# ones, since raising a limit needs a capability that a sandboxed host may not have.
dotnet build tools/DevMesh/DevMesh.csproj -c Release -nologo -v:q -clp:NoSummary
# The images run as in production, where the gateway starts only with an identity provider configured. It fetches
# the provider's keys on the first call that carries a token, which the check never makes, so a name that resolves
# nowhere is enough to start it and ask its health.
check_authority=https://identity.invalid/
template=$work/dapr.images.yaml
{
  echo "version: 1"
  echo "common:"
  echo "  resourcesPaths: [$(pwd)/components/local]"
  echo "  configFilePath: $(pwd)/config/config.yaml"
  echo "  appProtocol: grpc"
  echo "apps:"
  for entry in "${apps[@]}"; do
    IFS='|' read -r app _ port <<<"$entry"
    echo "- appID: $app"
    echo "  appDirPath: $work"
    echo "  appPort: $port"
    echo "  command: [podman, --runtime, runc, run, --rm, --name, purifierrental-check-$app, --network, host,"
    echo "    --ulimit, nofile=4096:4096, --ulimit, nproc=4096:4096, --read-only, --tmpfs, /tmp,"
    echo "    --cap-drop, ALL, --security-opt, no-new-privileges, -e, APP_PORT, -e, DAPR_GRPC_PORT, -e, DAPR_HTTP_PORT,"
    echo "    -e, APP_API_TOKEN, -e, DAPR_API_TOKEN, -e, Authentication__Authority=$check_authority,"
    echo "    -e, Authentication__Audience=purifierrental, localhost/purifierrental/$app:$version]"
  done
} > "$template"
log=$work/check.log
dotnet tools/DevMesh/bin/Release/net10.0/devmesh.dll "$template" >"$log" 2>&1 &
mesh=$!
trap 'kill -TERM $mesh 2>/dev/null; wait $mesh 2>/dev/null || true' EXIT
failed=0
for entry in "${apps[@]}"; do
  IFS='|' read -r app _ _ <<<"$entry"
  status=""
  for _ in $(seq 1 60); do
    if status=$(podman --runtime runc exec "purifierrental-check-$app" /app/health-probe 2>/dev/null) \
      && podman --runtime runc healthcheck run "purifierrental-check-$app" >/dev/null 2>&1; then
      break
    fi
    status=${status:-no container yet}
    sleep 1
  done
  echo "$app: grpc.health.v1 says ${status}; podman healthcheck: $(podman inspect --format '{{.State.Health.Status}}' "purifierrental-check-$app" 2>/dev/null || echo none)"
  podman stats --no-stream --format "$app: {{.MemUsage}} memory, {{.CPUPerc}} CPU" "purifierrental-check-$app" 2>/dev/null || true
  [[ "$status" == Serving ]] || failed=1
done
if ((failed)); then
  echo "An app did not become SERVING; the mesh's log is $log" >&2
  exit 1
fi
