#!/usr/bin/env bash
# Regenerates every .dtb in testdata/ from its .dts with the installed dtc, so the binaries come from
# an independent encoder. Run from anywhere; needs dtc (Debian: device-tree-compiler).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command -v dtc >/dev/null || { echo "regen.sh: dtc not found (apt-get install device-tree-compiler)" >&2; exit 1; }
count=0
while IFS= read -r -d '' src; do
  flags=()
  # A first-line comment "// dtc-flags: -p 16 -b 3" passes extra dtc options for that file.
  first=$(head -n 1 "$src")
  if [[ $first == "// dtc-flags:"* ]]; then read -r -a flags <<<"${first#// dtc-flags:}"; fi
  dtc -q -I dts -O dtb "${flags[@]}" -o "${src%.dts}.dtb" "$src"
  count=$((count + 1))
done < <(find "$here/fdt/valid" -name '*.dts' -print0 | sort -z)
echo "regen.sh: wrote $count .dtb files with $(dtc --version)"
