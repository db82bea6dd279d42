#!/usr/bin/env bash
# Drives a running codeset server with h2load, an independent load generator written in C
# (Debian package nghttp2-client), so server figures don't depend on a Python client.
#
#   scripts/h2load_recipe.sh HOST:PORT -n CALLS [-c CONNECTIONS] [-m STREAMS]
#                            [--mode batch|unary] [--batch-size N] [--seed S]
#                            [--invalid-share X] [--lines-file PATH] [--index K]
#
#   e.g. scripts/h2load_recipe.sh 127.0.0.1:50051 -n 3000 -c 8 -m 2 --batch-size 1000
#
# Every call sends the same gRPC-framed request (scripts/grpc_frame.py: same workload as
# `codeset loadtest`). h2load counts HTTP 200 as success, but gRPC reports failures in the
# trailers of an HTTP 200; so before the load one call goes through `nghttp -v`, which must
# show `grpc-status: 0` and a response body of plausible size, and after the load the
# response bytes h2load received are checked against that size times the calls.
# Bounded: -n (the number of calls) is required; h2load stops after that many.
# h2load sends one body over and over, so the engine's result cache is as hot as it gets:
# expect higher figures than `codeset loadtest`, which cycles through 100,000 distinct lines.
set -euo pipefail

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 2; }

[[ $# -ge 1 && $1 != -* ]] || usage
target=$1; shift
calls="" connections=8 streams=1 mode=batch batch_size=1000
frame_args=()
while [[ $# -gt 0 ]]; do
    case $1 in
        -n) calls=$2; shift 2 ;;
        -c) connections=$2; shift 2 ;;
        -m) streams=$2; shift 2 ;;
        --mode) mode=$2; shift 2 ;;
        --batch-size) batch_size=$2; shift 2 ;;
        --seed|--invalid-share|--lines-file|--index) frame_args+=("$1" "$2"); shift 2 ;;
        -h|--help) usage ;;
        *) echo "h2load_recipe: unknown argument $1" >&2; usage ;;
    esac
done
[[ $calls =~ ^[0-9]+$ && $calls -ge 1 && $calls -le 100000000 ]] ||
    { echo "h2load_recipe: -n CALLS is required (1..10^8)" >&2; exit 2; }
[[ $target =~ ^[^/:]+:[0-9]+$ ]] || { echo "h2load_recipe: target must be HOST:PORT" >&2; exit 2; }
case $mode in
    batch) method=ValidateBatch ;;
    unary) method=Validate ;;
    *) echo "h2load_recipe: --mode is batch or unary" >&2; exit 2 ;;
esac

if ! command -v h2load >/dev/null || ! command -v nghttp >/dev/null; then
    echo "h2load_recipe: installing nghttp2-client (h2load, nghttp)" >&2
    sudo_=""; [[ $(id -u) -eq 0 ]] || sudo_=sudo
    $sudo_ apt-get update -qq && $sudo_ apt-get install -y -qq nghttp2-client >/dev/null
fi

root=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$root/.venv/bin/python}
[[ -x $python ]] || python=python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
body=$work/body.bin
url=http://$target/codeset.v1.CodesetService/$method
headers=(-H 'content-type: application/grpc' -H 'te: trailers')

read -r lines body_bytes < <("$python" "$root/scripts/grpc_frame.py" --out "$body" \
    --mode "$mode" --batch-size "$batch_size" ${frame_args[@]+"${frame_args[@]}"})
echo "request: $mode, $lines line(s), $body_bytes bytes framed -> $url"

# 1. One call through nghttp: grpc-status 0 in the trailers, and the response size.
nghttp -nv -d "$body" "${headers[@]}" "$url" >"$work/check.txt" 2>&1 ||
    { cat "$work/check.txt" >&2; echo "h2load_recipe: nghttp failed" >&2; exit 1; }
http_status=$(sed -n 's/.*recv (stream_id=[0-9]*) :status: \([0-9]*\).*/\1/p' "$work/check.txt" | tail -1)
grpc_status=$(sed -n 's/.*recv (stream_id=[0-9]*) grpc-status: \([0-9]*\).*/\1/p' "$work/check.txt" | tail -1)
response_bytes=$(sed -n 's/.*recv DATA frame <length=\([0-9]*\),.*/\1/p' "$work/check.txt" |
    awk '{ total += $1 } END { print total + 0 }')
echo "check: HTTP ${http_status:-?}, grpc-status ${grpc_status:-missing}, response $response_bytes bytes"
if [[ $http_status != 200 || $grpc_status != 0 ]]; then
    grep -E 'grpc-(status|message)' "$work/check.txt" >&2 || true
    echo "h2load_recipe: the check call failed; not starting the load" >&2
    exit 1
fi
# A LineResult holds at least the correlation id, the input and `valid`: > 8 bytes a line.
if ((response_bytes < 5 + 8 * lines)); then
    echo "h2load_recipe: response of $response_bytes bytes is too small for $lines lines" >&2
    exit 1
fi

# 2. The load, with the CPU seconds h2load itself used.
echo "load: h2load -n $calls -c $connections -m $streams"
TIMEFORMAT="h2load CPU: user %U s, system %S s, wall %R s"
{ time h2load -n "$calls" -c "$connections" -m "$streams" -d "$body" "${headers[@]}" "$url" \
    >"$work/h2load.txt" 2>&1; } 2>"$work/time.txt" || {
    cat "$work/h2load.txt" >&2; echo "h2load_recipe: h2load failed" >&2; exit 1; }
sed -n '/^finished in/,$p' "$work/h2load.txt"
cat "$work/time.txt"

# 3. Figures: lines/s, and whether every call got a full response (gRPC errors are HTTP 200).
awk -v lines="$lines" -v expect="$response_bytes" -v calls="$calls" '
    /^finished in/ { rate = $4 + 0 }
    /^requests:/ { succeeded = $8 + 0 }
    /^traffic:/ { for (i = 1; i <= NF; i++) if ($i == "data") { data = $(i - 1); gsub(/[()]/, "", data) } }
    END {
        printf "calls/s %.1f, lines/s %.0f, succeeded (HTTP) %d of %d\n", rate, rate * lines, succeeded, calls
        if (succeeded > 0) {
            per_call = data / succeeded
            printf "response bytes per call %.0f (one checked call: %d)\n", per_call, expect
            if (per_call < 0.98 * expect) {
                print "WARNING: calls got less response data than the checked call: some failed in their gRPC trailers"
                exit 1
            }
        }
    }' "$work/h2load.txt"
