package io.khotools.fdt.oracle;

/**
 * One blob to compare.
 *
 * @param index its number in the run (blob {@code index} of seed {@code seed} is always the same bytes)
 * @param base the name of the blob it was made from
 * @param mutations the kinds applied, in order, joined with '+' ("none" for an unmutated base)
 * @param bytes the blob
 */
record Mutant(long index, String base, String mutations, byte[] bytes) {
    /** "#index base mutations (n bytes)", for messages. */
    String describe() {
        return "#" + index + " " + base + " " + mutations + " (" + bytes.length + " bytes)";
    }
}
