#!/usr/bin/env bash
# Builds the KV emulator's container image, workers-kv-emulator:<project version> and :latest, from the
# shaded jar (kv-emulator/target/kv-emulator.jar). Two ways:
#
#   kv-emulator/docker/build-image.sh            # no registry needed: FROM scratch (the default)
#   kv-emulator/docker/build-image.sh --jre-base # kv-emulator/docker/Dockerfile: pulls eclipse-temurin:17-jre
#                                                # (or the JRE_IMAGE you name)
#
# Build the jar first: ./mvnw -B -pl kv-emulator -am package -DskipTests
#
# The FROM scratch image holds only what the emulator runs on, assembled here from this machine's JDK 17+:
#   - a jlink runtime of the modules `jdeps --print-module-deps` finds in the jar, without java.desktop
#     (only Jetty's leak preventers, which the emulator never installs, and Jackson's optional java.beans
#     support, which Jackson probes for and does without, refer to it);
#   - the emulator jar;
#   - the C libraries that runtime and sqlite-jdbc's native library link, as `ldd` lists them, and the
#     dynamic loader;
#   - /etc/passwd and /etc/group naming the user kv (uid 10001) that it runs as, a writable /tmp
#     (sqlite-jdbc unpacks its native library there) and /data, owned by kv, for a persistence volume.
# It needs docker, and a JDK with jlink, jdeps and its jmods directory (JAVA_HOME, or the one on the PATH).
# The libraries come from this machine, so build it on Linux with glibc (Debian, Ubuntu, ...).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
module="$(dirname "$here")"
jar="$module/target/kv-emulator.jar"
context="$module/target/image"
name="workers-kv-emulator"
uid=10001

die() {
	echo "build-image.sh: $*" >&2
	exit 1
}

from_jre_base=false
case "${1:-}" in
	"") ;;
	--jre-base) from_jre_base=true ;;
	-h | --help)
		sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	*) die "unknown option '$1' (try --help)" ;;
esac

command -v docker >/dev/null || die "docker is not installed (Debian: apt-get install -y docker.io)"
docker info >/dev/null 2>&1 || die "no Docker daemon answers (start dockerd, or check DOCKER_HOST)"
[ -f "$jar" ] || die "$jar is missing; build it with: ./mvnw -B -pl kv-emulator -am package -DskipTests"

if [ -n "${JAVA_HOME:-}" ]; then
	jdk="$JAVA_HOME"
else
	jlink_path="$(command -v jlink)" || die "no jlink on the PATH and no JAVA_HOME: a JDK 17+ is needed"
	jdk="$(dirname "$(dirname "$(readlink -f "$jlink_path")")")"
fi
for tool in jar jdeps jlink; do
	[ -x "$jdk/bin/$tool" ] || die "$jdk/bin/$tool is missing: JAVA_HOME must be a JDK 17+, not a JRE"
done

# The version the jar was built as, from the pom.properties Maven packs into it.
version="$(cd "$(mktemp -d)" && "$jdk/bin/jar" xf "$jar" META-INF/maven/io.github.workerskv/kv-emulator/pom.properties \
	&& sed -n 's/^version=//p' META-INF/maven/io.github.workerskv/kv-emulator/pom.properties)"
[ -n "$version" ] || die "$jar holds no META-INF/maven/io.github.workerskv/kv-emulator/pom.properties"
tag="$name:$version"
started=$(date +%s)

if $from_jre_base; then
	# JRE_IMAGE=... picks another base with java on the PATH and groupadd/useradd (default eclipse-temurin:17-jre).
	docker build --file "$here/Dockerfile" --tag "$tag" --tag "$name:latest" --build-arg "VERSION=$version" \
		${JRE_IMAGE:+--build-arg "JRE_IMAGE=$JRE_IMAGE"} "$module"
else
	[ -d "$jdk/jmods" ] || die "$jdk/jmods is missing: jlink needs a JDK with its jmods (Debian: openjdk-17-jdk-headless)"
	rm -rf "$context"
	rootfs="$context/rootfs"
	mkdir -p "$rootfs/opt/kv-emulator" "$rootfs/etc" "$rootfs/tmp" "$context/data"

	# jdeps names every module some class in the jar refers to; java.desktop is left out (see above).
	modules="$("$jdk/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$jar" \
		| tr ',' '\n' | grep -vx 'java.desktop' | paste -sd, -)"
	echo "jlink modules: $modules"
	"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 \
		--output "$rootfs/opt/java"
	cp "$jar" "$rootfs/opt/kv-emulator/kv-emulator.jar"

	# sqlite-jdbc's native library for this machine: it is unpacked to /tmp at run time, but ldd must see it.
	native="$(mktemp -d)"
	(cd "$native" && "$jdk/bin/jar" xf "$jar" "org/sqlite/native/Linux/$(uname -m)/libsqlitejdbc.so")
	sqlite_lib="$native/org/sqlite/native/Linux/$(uname -m)/libsqlitejdbc.so"
	[ -f "$sqlite_lib" ] || die "the jar has no sqlite-jdbc native library for Linux/$(uname -m)"

	# Every library the runtime's binaries and sqlite link, and the loader, at the paths ldd resolves them to.
	# The runtime's own libraries (libjvm.so, ...) are "not found" by ldd alone; the JVM loads them itself.
	ldd_out="$(ldd "$rootfs/opt/java/bin/java" "$rootfs"/opt/java/lib/*.so "$rootfs"/opt/java/lib/server/*.so "$sqlite_lib")"
	missing="$(echo "$ldd_out" | awk '/not found/ {print $1}' | sort -u | while read -r lib; do
		[ -n "$(find "$rootfs/opt/java/lib" -name "$lib")" ] || echo "$lib"
	done)"
	[ -z "$missing" ] || die "ldd finds no $missing on this machine"
	libraries="$(echo "$ldd_out" | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// && $2 ~ /^\(/ {print $1}' \
		| grep -v "^$rootfs" | sort -u)"
	for lib in $libraries; do
		mkdir -p "$rootfs$(dirname "$lib")"
		cp -L "$lib" "$rootfs$lib"
	done
	echo "C libraries: $(echo $libraries)"
	rm -rf "$native"

	echo "root:x:0:0:root:/:/sbin/nologin" >"$rootfs/etc/passwd"
	echo "kv:x:$uid:$uid:KV emulator:/data:/sbin/nologin" >>"$rootfs/etc/passwd"
	printf 'root:x:0:\nkv:x:%s:\n' "$uid" >"$rootfs/etc/group"
	chmod 1777 "$rootfs/tmp"
	cp "$here/Dockerfile.scratch" "$context/Dockerfile"

	docker build --tag "$tag" --tag "$name:latest" --build-arg "VERSION=$version" "$context"
fi

size=$(docker image inspect --format '{{.Size}}' "$tag")
echo "Built $tag and $name:latest: $((size / 1000000)) MB in $(($(date +%s) - started)) s"
