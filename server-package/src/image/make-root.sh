#!/usr/bin/env bash
# Makes the base image of the server's OCI image from this build machine, so no registry is needed for one
# (ADR 0033): $1/root holds its files, and $1/base.tar is that root as a one-layer image in \`docker save\` form,
# which Jib reads as tar://$1/base.tar and puts the server on. The root holds:
#   /opt/java      a Java runtime cut down with jlink from the building JDK (needs its jmods: openjdk-17-jmods)
#   /lib, /usr/lib the C libraries that runtime loads, copied from this (Debian) build machine
#   /etc           passwd and group naming the unprivileged user the server runs as (uid 10001), the CA certificates
#   /tmp (1777) and /var/lib/cap-server (0700, owned by cap-server): the server's data, a volume
set -euo pipefail
out=${1:?usage: make-root.sh OUTPUT_DIR}
root=$out/root
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}

rm -rf "$out"
mkdir -p "$root/etc" "$root/tmp" "$root/var/lib/cap-server" "$root/opt" "$root/proc"

# java.se has every standard module (PDF rendering needs java.desktop, the database java.sql, mail java.naming);
# jdk.crypto.ec for TLS, jdk.unsupported for the libraries that use it, jdk.zipfs and jdk.charsets for documents.
"$java_home/bin/jlink" --module-path "$java_home/jmods" \
  --add-modules java.se,jdk.crypto.ec,jdk.unsupported,jdk.zipfs,jdk.charsets,jdk.localedata,jdk.naming.dns \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$root/opt/java"

# Debian's JDK keeps its trust store and policy files in /etc and links to them; the image gets real copies.
for f in "$root"/opt/java/lib/security/* "$root"/opt/java/conf/security/*; do
  if [ -L "$f" ]; then cp --remove-destination -L "$f" "$f.tmp" 2>/dev/null && mv "$f.tmp" "$f" || rm -f "$f"; fi
done
if [ ! -s "$root/opt/java/lib/security/cacerts" ] && [ -s /etc/ssl/certs/java/cacerts ]; then
  cp -L /etc/ssl/certs/java/cacerts "$root/opt/java/lib/security/cacerts"
fi
find "$root/opt/java" -type l | while read -r link; do
  target=$(readlink -f "$link" || true)
  if [ -n "$target" ] && [ -e "$target" ]; then cp --remove-destination -L "$target" "$link"; else rm -f "$link"; fi
done

# Every shared library the runtime's programs and libraries load, with the dynamic loader itself.
copy_lib() {
  local path=$1
  [ -e "$root$path" ] && return 0
  mkdir -p "$root$(dirname "$path")"
  cp -L "$path" "$root$path"
}
find "$root/opt/java" -type f \( -name '*.so' -o -perm -u+x \) | while read -r elf; do
  ldd "$elf" 2>/dev/null | awk '/=> \//{print $3} /^\t\/[^ ]+ \(/{print $1}' || true
done | grep -v "^$root/" | sort -u | while read -r lib; do copy_lib "$lib"; done
# The loader at the path the programs ask for (the x86-64 ABI's /lib64 link, as on any distribution).
interp=$(readelf -l "$root/opt/java/bin/java" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
copy_lib "$(readlink -f "$interp")"
if [ "$(readlink -f "$interp")" != "$interp" ]; then
  mkdir -p "$root$(dirname "$interp")"
  ln -sf "$(readlink -f "$interp")" "$root$interp"
fi
# The name service and DNS libraries glibc loads at run time (not listed by ldd).
for lib in /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libnss_dns.so.2 /lib/x86_64-linux-gnu/libresolv.so.2; do
  [ -e "$lib" ] && copy_lib "$lib"
done

# The fonts form records are written in (ADR 0040), from Debian's fonts-noto-core where the build machine has it;
# without them records still print, Latin in Liberation Sans and other scripts as "?".
for font in NotoSans-Regular NotoNastaliqUrdu-Regular NotoNaskhArabic-Regular NotoSansGurmukhi-Regular NotoSansBengali-Regular; do
  if [ -e "/usr/share/fonts/truetype/noto/$font.ttf" ]; then copy_lib "/usr/share/fonts/truetype/noto/$font.ttf"; fi
done

cat >"$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
cap-server:x:10001:10001:Customer Access Point server:/var/lib/cap-server:/sbin/nologin
PASSWD
cat >"$root/etc/group" <<'GROUP'
root:x:0:
cap-server:x:10001:
GROUP
printf 'hosts: files dns\n' >"$root/etc/nsswitch.conf"

# One layer, made without root: everything root-owned, then the two folders whose owner or mode differ.
layer=$out/layer.tar
tar --create --file "$layer" --directory "$root" --numeric-owner --owner=0 --group=0 --sort=name \
  --mtime=@0 --exclude=./tmp --exclude=./var/lib/cap-server .
tar --append --file "$layer" --directory "$root" --numeric-owner --owner=0 --group=0 --mode=1777 --mtime=@0 \
  --no-recursion ./tmp
tar --append --file "$layer" --directory "$root" --numeric-owner --owner=10001 --group=10001 --mode=0700 \
  --mtime=@0 --no-recursion ./var/lib/cap-server
diff_id=sha256:$(sha256sum "$layer" | cut -d' ' -f1)
cat >"$out/config.json" <<CONFIG
{"architecture":"amd64","os":"linux","config":{"User":"10001:10001","Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java"]},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"server-package/src/image/make-root.sh: jlink runtime and its C libraries"}]}
CONFIG
printf '[{"Config":"config.json","RepoTags":["cap-server-base:local"],"Layers":["layer.tar"]}]\n' >"$out/manifest.json"
tar --create --file "$out/base.tar" --directory "$out" manifest.json config.json layer.tar
rm "$layer"
echo "Base image $out/base.tar: $(du -sh "$out/base.tar" | cut -f1)"
