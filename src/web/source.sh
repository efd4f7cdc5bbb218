#!/bin/sh
# source.sh - fetch Debian source packages for the page's build.
#
#   sh src/web/source.sh DIR PACKAGE...
#
# Unpacks each PACKAGE's Debian source (with Debian's patches) into
# DIR/src/PACKAGE.  apt reads a deb-src twin of this machine's own apt
# sources, kept in DIR/apt with its own lists and cache: the system's
# apt setup is left as it is, and no archive's address is written into
# the repository.  A package whose source the machine's newest suite
# (say, a security update) does not offer is taken from the release.
set -eu
dir=$1
shift
apt=$dir/apt
mkdir -p "$apt/sources.list.d" "$apt/lists/partial" \
	"$apt/cache/archives/partial" "$dir/src"
apt=$(cd "$apt" && pwd)

if [ ! -s "$apt/stamp" ]; then
	: >"$apt/sources.list"
	if [ -f /etc/apt/sources.list ]; then
		sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' \
			/etc/apt/sources.list >"$apt/sources.list"
	fi
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		sed 's/^Types:.*/Types: deb-src/' "$f" \
			>"$apt/sources.list.d/$(basename "$f")"
	done
	for f in /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		sed -n 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f" \
			>"$apt/sources.list.d/$(basename "$f")"
	done
fi

aptget() {
	apt-get -q \
		-o Dir::Etc::SourceList="$apt/sources.list" \
		-o Dir::Etc::SourceParts="$apt/sources.list.d" \
		-o Dir::State::Lists="$apt/lists" \
		-o Dir::Cache="$apt/cache" \
		-o APT::Sandbox::User="$(id -un)" \
		"$@"
}

if [ ! -s "$apt/stamp" ]; then
	aptget update >"$apt/update.log" 2>&1 || {
		cat "$apt/update.log" >&2
		echo "source.sh: apt-get update failed (above)" >&2
		exit 1
	}
	date >"$apt/stamp"
fi

release=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
for package; do
	[ -d "$dir/src/$package" ] && continue
	tmp=$dir/src/.get-$package
	rm -rf "$tmp"
	mkdir -p "$tmp"
	if ! (cd "$tmp" && aptget source "$package") >"$tmp.log" 2>&1 &&
	   ! { [ -n "$release" ] && rm -rf "$tmp" && mkdir -p "$tmp" &&
	       (cd "$tmp" && aptget source "$package/$release") \
		   >>"$tmp.log" 2>&1; }; then
		cat "$tmp.log" >&2
		echo "source.sh: cannot fetch the source of $package (above)" >&2
		exit 1
	fi
	unpacked=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d | head -n 1)
	[ -n "$unpacked" ] || { echo "source.sh: $package: nothing unpacked" >&2; exit 1; }
	mv "$unpacked" "$dir/src/$package"
	rm -rf "$tmp" "$tmp.log"
done
