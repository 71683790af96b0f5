#!/usr/bin/env bash
# Runs the OCI image made by -Pimage without a container engine: unpacks its layers into a folder, then starts its
# entrypoint there as its user (chroot, a private /proc) with its environment, and checks /api/health answers 200.
# Needs root (chroot). Usage: sudo run-image-test.sh server-package/target/cap-server-image.tar
set -euo pipefail
image=${1:?usage: run-image-test.sh path/to/cap-server-image.tar}
[ "$(id -u)" = 0 ] || { echo "run-image-test.sh must run as root (it uses chroot)."; exit 2; }
work=$(mktemp -d)
pid=""
cleanup() {
  # unshare --fork leaves SIGTERM to its child, the server (pid 1 in its namespace), so that is who is told.
  if [ -n "$pid" ]; then pkill -TERM -P "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
mkdir "$work/oci" "$work/rootfs"
tar -xf "$image" -C "$work/oci"
read_json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }
manifest=$work/oci/blobs/sha256/$(read_json "$work/oci/index.json" "d['manifests'][0]['digest'].split(':')[1]")
config=$work/oci/blobs/sha256/$(read_json "$manifest" "d['config']['digest'].split(':')[1]")
for layer in $(read_json "$manifest" "' '.join(l['digest'].split(':')[1] for l in d['layers'])"); do
  tar -xzf "$work/oci/blobs/sha256/$layer" -C "$work/rootfs" --numeric-owner --warning=no-unknown-keyword
done
user=$(read_json "$config" "d['config']['User']")
workdir=$(read_json "$config" "d['config']['WorkingDir']")
mapfile -t entrypoint < <(read_json "$config" "'\n'.join(d['config']['Entrypoint'])")
mapfile -t environment < <(read_json "$config" "'\n'.join(d['config']['Env'])")
echo "user $user, data folder $(stat -c '%a %u:%g' "$work/rootfs$workdir"), entrypoint ${entrypoint[*]}"
[ "$(stat -c '%a %u:%g' "$work/rootfs$workdir")" = "700 ${user}" ] || { echo "FAILED: the data folder is not 0700 $user"; exit 1; }
mkdir -p "$work/rootfs/proc"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# The image has no shell or env program: the environment is set outside, and chroot keeps it.
env -i "${environment[@]}" "CAP_PORT=$port" /usr/bin/unshare --mount --pid --fork --kill-child=SIGTERM \
  /bin/sh -c 'r=$0; u=$1; shift; /bin/mount -t proc proc "$r/proc" && exec /usr/sbin/chroot --userspec="$u" "$r" "$@"' \
  "$work/rootfs" "$user" "${entrypoint[@]}" >"$work/log" 2>&1 &
pid=$!
status=""
for _ in $(seq 1 240); do
  status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/health" || true)
  [ "$status" = 200 ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
if [ "$status" = 200 ]; then
  echo "image-test: 1 passed, 0 failed"
else
  tail -30 "$work/log"
  echo "image-test: 0 passed, 1 failed"
  exit 1
fi
