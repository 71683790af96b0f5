#!/usr/bin/env bash
# Installs the server's .deb with dpkg, starts the server the way cap-server.service does (its ExecStart, as its
# User, with its EnvironmentFile, WorkingDirectory and UMask), checks that it answers /api/health, then removes and
# purges the package and checks what is left. There is no running systemd here, so the unit's settings are read
# from the installed unit file and applied by hand.
#
# Needs root and a machine where the cap-server package may come and go (CI, a throw-away VM):
#   sudo server-package/src/test/deb/install-test.sh server-package/target/cap-server_0.1.0_all.deb
set -euo pipefail

deb=${1:?usage: install-test.sh path/to/cap-server_VERSION_all.deb}
[ "$(id -u)" = 0 ] || { echo "install-test.sh must run as root (it installs a package)."; exit 2; }
[ -f "$deb" ] || { echo "No package at $deb: build it with ./mvnw -pl server-package -am package -DskipTests"; exit 2; }
if dpkg-query -W -f='${Status}' cap-server 2>/dev/null | grep -q "installed\|config-files"; then
  echo "cap-server is already installed here; this test installs and purges it, so it stops rather than touch it."
  exit 2
fi

passed=0
failed=0
server_pid=""
work=$(mktemp -d)
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  dpkg --purge cap-server >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

check() {
  local what=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "ok: $what"
  else
    failed=$((failed + 1))
    echo "FAILED: $what"
  fi
}
mode_owner() { stat -c '%a %U:%G' "$1" 2>/dev/null; }
unit_value() { sed -n "s/^$1=//p" /lib/systemd/system/cap-server.service | tail -1; }

echo "== dpkg --install $(basename "$deb")"
dpkg --install "$deb"

check "the cap-server user is a system user without a login shell" \
  bash -c 'e=$(getent passwd cap-server) && uid=$(echo "$e" | cut -d: -f3) && [ "$uid" -lt 1000 ] \
    && [ "$(echo "$e" | cut -d: -f7)" = /usr/sbin/nologin ] && [ "$(echo "$e" | cut -d: -f6)" = /var/lib/cap-server ]'
check "the settings file is 0640 root:cap-server" [ "$(mode_owner /etc/cap-server/cap-server.env)" = "640 root:cap-server" ]
check "the settings file is a conffile" bash -c "dpkg-query -W -f='\${Conffiles}' cap-server | grep -q /etc/cap-server/cap-server.env"
check "the data folder is 0700 cap-server:cap-server" [ "$(mode_owner /var/lib/cap-server)" = "700 cap-server:cap-server" ]
check "dpkg owns the unit file" bash -c 'dpkg -S /lib/systemd/system/cap-server.service | grep -q "^cap-server:"'
check "dpkg owns the launcher" bash -c 'dpkg -S /usr/bin/cap-server | grep -q "^cap-server:"'
check "the service is enabled at boot" [ -L /etc/systemd/system/multi-user.target.wants/cap-server.service ]
for setting in NoNewPrivileges=yes ProtectSystem=strict PrivateTmp=yes ProtectHome=yes User=cap-server \
               ReadWritePaths=/var/lib/cap-server EnvironmentFile=/etc/cap-server/cap-server.env; do
  check "the unit sets $setting" grep -qx "$setting" /lib/systemd/system/cap-server.service
done
if command -v systemd-analyze >/dev/null 2>&1; then
  # verify also loads the units this one names (network-online.target...), which a container may lack: only
  # complaints about cap-server.service itself count.
  systemd-analyze verify /lib/systemd/system/cap-server.service >"$work/verify.txt" 2>&1 || true
  check "systemd-analyze finds nothing wrong with the unit" bash -c "! grep -i 'cap-server.service:' '$work/verify.txt'"
  sed 's/^/  systemd-analyze: /' "$work/verify.txt"
fi

echo "== the first administrator, as running-for-real.md says (the password piped in, as a script would)"
admin_status=0
printf '%s\n' 'install test password' | cap-server create-admin alice "Alice Administrator" >"$work/admin.txt" 2>&1 \
  || admin_status=$?
check "cap-server create-admin makes the first administrator" \
  bash -c "[ $admin_status = 0 ] && grep -q 'Alice Administrator (alice) is an administrator' '$work/admin.txt'"
check "what it wrote in the data folder belongs to cap-server" \
  bash -c '[ -z "$(find /var/lib/cap-server ! -user cap-server | head -1)" ]'
if [ "$admin_status" != 0 ]; then sed 's/^/  create-admin: /' "$work/admin.txt"; fi

echo "== starting the server as the unit would"
exec_start=$(unit_value ExecStart)
user=$(unit_value User)
workdir=$(unit_value WorkingDirectory)
env_file=$(unit_value EnvironmentFile)
umask_value=$(unit_value UMask)
env_args=()
while IFS= read -r line; do env_args+=("$line"); done < <(sed -n 's/^Environment=//p' /lib/systemd/system/cap-server.service)
while IFS= read -r line; do
  case "$line" in ''|'#'*) ;; *) env_args+=("$line") ;; esac
done <"$env_file"
# Port 0: any free port (a CI machine may have something on 8080); the server prints the one it took.
env_args+=("CAP_PORT=0" "CAP_HOST=127.0.0.1")
(
  cd "$workdir"
  umask "$umask_value"
  exec runuser -u "$user" -- env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin "${env_args[@]}" $exec_start
) >"$work/server.log" 2>&1 &
server_pid=$!

base_url=""
for _ in $(seq 1 240); do
  base_url=$(sed -n 's/^Customer Access Point server listening on //p' "$work/server.log" | head -1)
  [ -n "$base_url" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.5
done
health=""
if [ -n "$base_url" ]; then
  health=$(curl -s -o "$work/health.json" -w '%{http_code}' "$base_url/api/health" || true)
fi
check "the server answers 200 on /api/health (${base_url:-it never said where it listens})" [ "$health" = 200 ]
signed_in=""
if [ -n "$base_url" ]; then
  signed_in=$(curl -s -o "$work/session.json" -w '%{http_code}' -H 'Content-Type: application/json' \
    -d '{"username":"alice","password":"install test password"}' "$base_url/api/session" || true)
fi
check "the administrator signs in to the installed server" \
  bash -c "[ '$signed_in' = 200 ] && grep -q '\"role\":\"ADMIN\"' '$work/session.json'"
check "it runs as cap-server" bash -c "[ \"\$(ps -o user= -p \$(pgrep -P $server_pid -f cap-server.jar || echo $server_pid) | head -1)\" = cap-server ]"
check "its database is in /var/lib/cap-server, readable only by cap-server" \
  bash -c 'f=$(find /var/lib/cap-server -name "*.mv.db" | head -1) && [ -n "$f" ] && [ "$(stat -c "%a %U" "$f")" = "600 cap-server" ]'
kill -TERM "$server_pid"
status=0
wait "$server_pid" || status=$?
server_pid=""
check "it stops cleanly on SIGTERM (exit 0 or 143, both success for the unit)" bash -c "[ $status = 0 ] || [ $status = 143 ]"
if [ "$failed" -gt 0 ]; then sed 's/^/  server: /' "$work/server.log" | tail -40; fi

echo "== dpkg --remove cap-server"
dpkg --remove cap-server >/dev/null
check "remove keeps the settings" [ -f /etc/cap-server/cap-server.env ]
check "remove keeps the data" bash -c 'find /var/lib/cap-server -name "*.mv.db" | grep -q .'
check "remove takes the unit file and the program" bash -c '[ ! -e /lib/systemd/system/cap-server.service ] && [ ! -e /usr/share/cap-server/cap-server.jar ]'

echo "== dpkg --purge cap-server"
dpkg --purge cap-server >/dev/null
check "purge deletes the settings" [ ! -e /etc/cap-server ]
check "purge deletes the data" [ ! -e /var/lib/cap-server ]
check "purge deletes the user and group" bash -c '! getent passwd cap-server && ! getent group cap-server'
check "purge leaves no unit links behind" bash -c \
  '[ ! -e /etc/systemd/system/multi-user.target.wants/cap-server.service ] && [ ! -L /etc/systemd/system/cap-server.service ]'

echo "deb-install-test: $passed passed, $failed failed"
[ "$failed" = 0 ]
