#!/usr/bin/env bash
# Regenerates testdata/cli/inputs/: the DTBs compiled from the .dts files there (with the installed dtc),
# and the broken inputs a new user tries, each derived from testdata/fdt/valid/basic.dtb by a named cut
# or byte change (no hand-edited hex). The memory images there (*.elf, *.raw) are not made here: the test
# kho-cli ImageInputsTest builds them from testdata/kho/memory with HandoverImage and ElfCoreWriter and checks
# them (rewrite with: mvn -B test -pl kho-cli -am -Dtest=ImageInputsTest -Dsurefire.failIfNoSpecifiedTests=false
# -Dgolden.update=true). Then regenerate the CLI goldens:
#   mvn -B test -pl kho-cli -am -Dtest=CliGoldenTest -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
in="$here/inputs"
basic="$here/../fdt/valid/basic.dtb"
command -v dtc >/dev/null || { echo "regen.sh: dtc not found (apt-get install device-tree-compiler)" >&2; exit 1; }
for src in "$in"/*.dts; do
  dtc -q -I dts -O dtb -o "${src%.dts}.dtb" "$src"
done
: > "$in/empty.dtb"                                       # 0 bytes
printf '\xd0\x0d\xfe' > "$in/three-bytes.dtb"             # the first 3 bytes of a magic
head -c 100 "$basic" > "$in/truncated.dtb"                # header says 771 bytes, file has 100
{ printf '\xde\xad\xbe\xef'; tail -c +5 "$basic"; } > "$in/wrong-magic.dtb"
# 256 bytes from a fixed-seed generator: deterministic "random" garbage
/usr/bin/python3 -c 'import random,sys; r=random.Random(20240601); sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range(256)))' > "$in/random.bin"
echo "regen.sh: wrote $(ls "$in" | wc -l) files in $in"
