#!/usr/bin/env bash
# Downloads a few real device-tree packages from the configured Debian mirror and extracts their
# .dtb/.dtbo files into a cache outside the source tree, for the real-world corpus test
# (fdt-codec DtsCorpusTest).
#
#   scripts/corpus/fetch-dtbs.sh            fetch the default set (skipped when the cache is complete)
#   scripts/corpus/fetch-dtbs.sh --full     also the armhf kernel (~45 MB more, ~1,500 blobs in all)
#   scripts/corpus/fetch-dtbs.sh --force    fetch again
#
# Environment:
#   KHOTOOLS_CORPUS_DIR       cache folder (default ${XDG_CACHE_HOME:-$HOME/.cache}/khotools/corpus)
#   KHOTOOLS_CORPUS_PACKAGES  space-separated package list (default below; "@kernel-arm64" and
#                             "@kernel-armmp" stand for the image package that the linux-image-arm64 /
#                             linux-image-armmp metapackage depends on)
#   KHOTOOLS_CORPUS_ARCHES    extra architectures to read package lists for (default "arm64 armhf")
#
# apt runs with a private state folder under the cache (package lists for the extra architectures),
# so the system's apt configuration and lists are left untouched and no root is needed. Layout:
#   $DIR/<package>/<path inside the package>.dtb   the blobs
#   $DIR/.complete                                 the package list of the last complete fetch
# Exit status: 0 when the cache is complete, 1 when apt or the download failed (nothing half-written
# is marked complete), 2 on a usage error.
set -euo pipefail

DIR="${KHOTOOLS_CORPUS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/khotools/corpus}"
# The arm64 kernel image (about 60 MB, ~580 blobs) and small packages that ship .dtb files.
DEFAULT_PACKAGES="@kernel-arm64 u-boot-rockchip:arm64 u-boot-sunxi:arm64 qemu-system-data"
ARCHES="${KHOTOOLS_CORPUS_ARCHES:-arm64 armhf}"
FORCE=0
FULL=0

for arg in "$@"; do
  case "$arg" in
    --force) FORCE=1 ;;
    --full) FULL=1 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "fetch-dtbs: unknown argument: $arg" >&2; exit 2 ;;
  esac
done
if [ "$FULL" -eq 1 ]; then
  DEFAULT_PACKAGES="$DEFAULT_PACKAGES @kernel-armmp"
fi
PACKAGES="${KHOTOOLS_CORPUS_PACKAGES:-$DEFAULT_PACKAGES}"

say() { echo "fetch-dtbs: $*" >&2; }

if [ "$FORCE" -eq 0 ] && [ -f "$DIR/.complete" ] && [ "$(cat "$DIR/.complete")" = "$PACKAGES" ]; then
  say "cached: $(find "$DIR" -name '*.dtb*' -type f | wc -l) blobs in $DIR"
  exit 0
fi

for tool in apt-get apt-cache dpkg-deb; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    say "$tool not found: cannot fetch the corpus"
    exit 1
  fi
done

mkdir -p "$DIR"
STATE="$DIR/.apt"
mkdir -p "$STATE/lists/partial" "$STATE/cache/archives/partial"
APT=(-q -o "Dir::State::Lists=$STATE/lists" -o "Dir::Cache=$STATE/cache" -o Debug::NoLocking=1)
for a in $ARCHES; do
  APT+=(-o "APT::Architectures::=$a")
done

say "updating private package lists in $STATE (architectures: native $ARCHES)"
if ! apt-get "${APT[@]}" update >"$STATE/update.log" 2>&1; then
  # a mirror caught mid-sync fails one index; older lists, if any, still name downloadable packages
  if ls "$STATE"/lists/*Packages* >/dev/null 2>&1; then
    say "apt-get update reported errors, going on with the lists it has (see $STATE/update.log)"
  else
    say "apt-get update failed (see $STATE/update.log)"
    exit 1
  fi
fi

resolve() {
  local p="$1"
  if [ "${p#@kernel-}" != "$p" ]; then
    # the image package a kernel metapackage currently points at, e.g. linux-image-6.1.0-50-arm64
    local flavour="${p#@kernel-}" arch=arm64
    [ "$flavour" = armmp ] && arch=armhf
    apt-cache "${APT[@]}" depends "linux-image-$flavour:$arch" 2>/dev/null \
      | awk -v a=":$arch" '/Depends: linux-image-/ { sub(/:[a-z0-9]+$/, "", $2); print $2 a; exit }'
  else
    echo "$p"
  fi
}

rm -f "$DIR/.complete"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
for spec in $PACKAGES; do
  pkg="$(resolve "$spec")"
  if [ -z "$pkg" ]; then
    say "cannot resolve $spec"
    exit 1
  fi
  name="${pkg%%:*}"
  if [ "$FORCE" -eq 0 ] && [ -f "$DIR/$name/.done" ]; then
    say "cached: $name"
    continue
  fi
  say "downloading $pkg"
  rm -rf "$WORK/deb" "$WORK/x"
  mkdir -p "$WORK/deb" "$WORK/x"
  if ! (cd "$WORK/deb" && apt-get "${APT[@]}" download "$pkg" >"$WORK/download.log" 2>&1); then
    say "apt-get download $pkg failed:"
    cat "$WORK/download.log" >&2
    exit 1
  fi
  for deb in "$WORK"/deb/*.deb; do
    dpkg-deb -x "$deb" "$WORK/x"
  done
  rm -rf "${DIR:?}/$name"
  mkdir -p "$DIR/$name"
  # keep the path inside the package, so that equal file names of different boards stay apart
  (cd "$WORK/x" && find . -type f \( -name '*.dtb' -o -name '*.dtbo' \) -print0) \
    | while IFS= read -r -d '' f; do
        mkdir -p "$DIR/$name/$(dirname "$f")"
        cp "$WORK/x/$f" "$DIR/$name/$f"
      done
  touch "$DIR/$name/.done"
  say "$name: $(find "$DIR/$name" -name '*.dtb*' -type f | wc -l) blobs"
done
printf '%s' "$PACKAGES" >"$DIR/.complete"
say "complete: $(find "$DIR" -name '*.dtb*' -type f | wc -l) blobs in $DIR"
