#!/usr/bin/env bash
# Regenerates testdata/dts/*.dtb from the .dts compiler fixtures with the installed dtc, so the expected
# bytes come from an independent compiler. A first line "// dtc-flags: -@ -H both" passes extra dtc options.
# A fixture with a sibling .expected-error.txt is an error case: dtc must refuse it (non-zero exit, no .dtb);
# the .expected-error.txt holds our compiler's messages and is maintained by hand.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
command -v dtc >/dev/null || { echo "regen.sh: dtc not found (apt-get install device-tree-compiler)" >&2; exit 1; }
ok=0
refused=0
cd "$here"
for src in *.dts; do
  flags=()
  first=$(head -n 1 "$src")
  if [[ $first == "// dtc-flags:"* ]]; then read -r -a flags <<<"${first#// dtc-flags:}"; fi
  out="${src%.dts}.dtb"
  if [[ -e "${src%.dts}.expected-error.txt" ]]; then
    rm -f "$out"
    if dtc -q -I dts -O dtb "${flags[@]}" -o /dev/null "$src" 2>/dev/null; then
      echo "regen.sh: dtc accepted error fixture $src" >&2
      exit 1
    fi
    refused=$((refused + 1))
  else
    dtc -q -I dts -O dtb "${flags[@]}" -o "$out" "$src"
    ok=$((ok + 1))
  fi
done
echo "regen.sh: wrote $ok .dtb files, dtc refused $refused error fixtures ($(dtc --version))"
