#!/usr/bin/env bash
# Builds the two local images the stack tests run, WITHOUT any pull (no registry is reachable):
#
#   peak-watch-test/prometheus:2.42        Debian's real /usr/bin/prometheus, made into an image
#   peak-watch-test/grafana-standin:1      NOT Grafana: a tiny node server answering /api/health,
#                                          because Grafana is in no registry reachable here
#   peak-watch-test/prometheus-nobody:2.42 the Prometheus image running as uid/gid 65534, as the
#                                          upstream prom/prometheus image does (USER nobody)
#
# Idempotent: an image that already exists is left as it is (FORCE=1 rebuilds).
# Needs a reachable engine (scripts/ci/docker-env.sh start) and Debian's prometheus + node.
set -euo pipefail

PROM_IMAGE=peak-watch-test/prometheus:2.42
STANDIN_IMAGE=peak-watch-test/grafana-standin:1
NOBODY_IMAGE=peak-watch-test/prometheus-nobody:2.42

die() {
  echo "make-test-images: $*" >&2
  exit 1
}

command -v docker >/dev/null || die "no docker CLI on PATH (install: apt-get install -y docker.io)"
docker info >/dev/null 2>&1 || die "no Docker engine reachable; run scripts/ci/docker-env.sh start first"

WORK=$(mktemp -d /tmp/peak-watch-images.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

# Images carry the hash of this script in their comment: an edited recipe rebuilds them, an
# unchanged one is reused (the engine's images outlive a CI run on the same machine).
RECIPE=$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-12)

have_image() {
  [[ ${FORCE:-0} != 1 ]] || return 1
  local comment
  comment=$(docker image inspect --format '{{.Comment}}' "$1" 2>/dev/null) || return 1
  [[ $comment == *"recipe $RECIPE"* ]]
}

# The id an existing tag points to, so a rebuilt image does not leave the old one dangling.
old_id() {
  docker image inspect --format '{{.Id}}' "$1" 2>/dev/null || true
}

drop_old() {
  if [[ -n $1 && $1 != "$(old_id "$2")" ]]; then
    docker image rm "$1" >/dev/null 2>&1 || true
  fi
}

# Copies a dynamically linked binary, every library ldd lists and the loader into a root folder,
# at the same paths, so the loader's built-in search path finds them without an ld.so.cache.
copy_with_libs() {
  local bin=$1 root=$2 dest=$3 lib
  [[ -x $bin ]] || die "$bin not found (install it: apt-get install -y $4)"
  mkdir -p "$root$(dirname "$dest")"
  cp -L "$bin" "$root$dest"
  for lib in $(ldd "$bin" | grep -oE '/[^ ]+'); do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
  mkdir -p "$root/tmp"
  chmod 1777 "$root/tmp"
}

build_prometheus() {
  if have_image "$PROM_IMAGE"; then
    echo "make-test-images: $PROM_IMAGE present (recipe $RECIPE); skipping"
    return
  fi
  local root=$WORK/prometheus previous
  previous=$(old_id "$PROM_IMAGE")
  copy_with_libs /usr/bin/prometheus "$root" /bin/prometheus prometheus
  mkdir -p "$root/etc/prometheus" "$root/prometheus"
  chmod 0777 "$root/prometheus"
  cat >"$root/etc/prometheus/prometheus.yml" <<'YAML'
# Default config of the test image; the stack mounts its own over this file.
global:
  scrape_interval: 15s
scrape_configs:
  - job_name: prometheus
    static_configs:
      - targets: ['127.0.0.1:9090']
YAML
  # Same entrypoint, default flags and workdir as the upstream prom/prometheus image, so a
  # compose file written for upstream runs this unchanged.
  tar -C "$root" -c . | docker import \
    -c 'ENTRYPOINT ["/bin/prometheus"]' \
    -c 'CMD ["--config.file=/etc/prometheus/prometheus.yml", "--storage.tsdb.path=/prometheus"]' \
    -c 'WORKDIR /prometheus' \
    -c 'EXPOSE 9090' \
    -m "Debian's prometheus $(prometheus --version 2>&1 | head -n1 | awk '{print $3}') for Peak Watch tests, recipe $RECIPE" \
    - "$PROM_IMAGE" >/dev/null
  drop_old "$previous" "$PROM_IMAGE"
  echo "make-test-images: built $PROM_IMAGE"
}

build_grafana_standin() {
  if have_image "$STANDIN_IMAGE"; then
    echo "make-test-images: $STANDIN_IMAGE present (recipe $RECIPE); skipping"
    return
  fi
  local root=$WORK/grafana-standin previous
  previous=$(old_id "$STANDIN_IMAGE")
  copy_with_libs "$(command -v node)" "$root" /bin/node nodejs
  mkdir -p "$root/usr/share/grafana-standin" "$root/var/lib/grafana" "$root/etc/grafana"
  chmod 0777 "$root/var/lib/grafana"
  cat >"$root/usr/share/grafana-standin/server.mjs" <<'JS'
// Grafana STAND-IN for tests: Grafana is in no registry reachable from this machine. It answers
// only what Peak Watch's health check reads, and counts its starts in the data volume so a test
// can see that Grafana's state survives a restart.
import http from 'node:http';
import fs from 'node:fs';

const addr = process.env.GF_SERVER_HTTP_ADDR || '0.0.0.0';
const port = Number(process.env.GF_SERVER_HTTP_PORT || 3000);
const dataDir = process.env.GF_PATHS_DATA || '/var/lib/grafana';
const startsFile = `${dataDir}/standin-starts`;
let starts = 1;
try {
  starts = Number(fs.readFileSync(startsFile, 'utf8')) + 1 || 1;
  fs.writeFileSync(startsFile, String(starts));
} catch {
  try { fs.writeFileSync(startsFile, String(starts)); } catch { /* read-only data dir */ }
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/api/health') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ database: 'ok', version: 'stand-in', commit: 'grafana-standin', starts }));
    return;
  }
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('grafana stand-in: only /api/health exists\n');
});
// Fail the way Grafana does on a taken port: one error line naming the address, exit 1.
server.on('error', (err) => {
  console.error(`logger=server level=error msg="Server shutdown" error="${err.message}"`);
  process.exit(1);
});
server.listen(port, addr, () => {
  console.log(`logger=standin msg="Grafana stand-in listening" address=${addr}:${port} starts=${starts}`);
});
// As PID 1, node gets no default signal handling: without this `docker stop` waits 10 s.
for (const sig of ['SIGTERM', 'SIGINT']) {
  process.on(sig, () => {
    console.log(`logger=standin msg="stopping on ${sig}"`);
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
JS
  tar -C "$root" -c . | docker import \
    -c 'ENTRYPOINT ["/bin/node", "/usr/share/grafana-standin/server.mjs"]' \
    -c 'WORKDIR /usr/share/grafana-standin' \
    -c 'EXPOSE 3000' \
    -m "Grafana stand-in (not Grafana) for Peak Watch tests, recipe $RECIPE" \
    - "$STANDIN_IMAGE" >/dev/null
  drop_old "$previous" "$STANDIN_IMAGE"
  echo "make-test-images: built $STANDIN_IMAGE"
}

# The same files with USER 65534:65534 (its /prometheus is 0777, so nobody can write the TSDB):
# proves the stack reads a token file as the container's own user, not as root.
build_prometheus_nobody() {
  if have_image "$NOBODY_IMAGE"; then
    echo "make-test-images: $NOBODY_IMAGE present (recipe $RECIPE); skipping"
    return
  fi
  local previous cid
  previous=$(old_id "$NOBODY_IMAGE")
  cid=$(docker create "$PROM_IMAGE")
  docker commit \
    -c 'USER 65534:65534' \
    -m "Debian's prometheus as uid 65534 for Peak Watch tests, recipe $RECIPE" \
    "$cid" "$NOBODY_IMAGE" >/dev/null
  docker rm "$cid" >/dev/null
  drop_old "$previous" "$NOBODY_IMAGE"
  echo "make-test-images: built $NOBODY_IMAGE"
}

build_prometheus
build_grafana_standin
build_prometheus_nobody
