package io.khotools.cli;

import io.khotools.kho.KhoAbi;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses a {@code kho gen --generation} name ({@link GenItems#generationLabel}) into its {@link KhoAbi}. */
final class GenerationConverter implements ITypeConverter<KhoAbi> {
    @Override
    public KhoAbi convert(String value) {
        for (KhoAbi abi : KhoAbi.values()) {
            if (GenItems.generationLabel(abi).equals(value.trim())) {
                return abi;
            }
        }
        throw new TypeConversionException("'" + value + "' is not a generation: one of " + String.join(", ",
                new GenerationNames()));
    }
}
