/**
 * Scratch areas (kho-format.md §3): the binary {@code kho_scratch} array, debugfs's text form, and where the
 * next kernel finds the array (x86 {@code setup_data} type 10, {@code /chosen} {@code linux,kho-*}).
 *
 * <pre>{@code
 * List<ScratchArea> areas = ScratchCodec.fromDebugfs(Files.readString(dir.resolve("scratch_phys")),
 *         Files.readString(dir.resolve("scratch_len")));
 * ScratchKind kind = ScratchKind.of(0);   // LOWMEM
 * Optional<KhoBootInfo> boot = KhoBootInfo.fromChosen(devicetree);
 * }</pre>
 */
package io.khotools.kho.scratch;
