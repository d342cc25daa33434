package io.khotools.cli;

import picocli.CommandLine.Option;

/**
 * The options of commands that read physical memory images (ELF cores, raw memory files): where the KHO root
 * FDT is, where the x86 {@code setup_data} KHO record is, and the base address of a raw file.
 */
final class ImageOptionsMixin {
    @Option(names = "--fdt-addr", paramLabel = "ADDR", converter = AddressConverter.class,
            description = "memory images: the KHO root FDT is at physical address ADDR (else it is found through"
                    + " the setup_data KHO record, else by scanning the image)")
    Long fdtAddr;

    @Option(names = "--setup-data", paramLabel = "ADDR", converter = AddressConverter.class,
            description = "memory images: the x86 setup_data chain starts at ADDR (boot_params.hdr.setup_data);"
                    + " its KHO record gives the root FDT and the scratch array")
    Long setupData;

    @Option(names = "--raw-base", paramLabel = "ADDR", converter = AddressConverter.class,
            description = "INPUT is a raw memory file (a dd of RAM, a QEMU memory-backend-file) whose first byte"
                    + " is physical address ADDR")
    Long rawBase;

    /** Whether any image option was given (they make no sense for an FDT or a debugfs directory). */
    boolean any() {
        return fdtAddr != null || setupData != null || rawBase != null;
    }
}
