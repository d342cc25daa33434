package io.khotools.cli;

import io.khotools.kho.KhoAbi;
import io.khotools.kho.KhoDebugfs;
import io.khotools.kho.KhoHandover;
import io.khotools.kho.KhoOptions;
import io.khotools.kho.KhoSubtree;
import io.khotools.kho.KhoTree;
import io.khotools.kho.blob.SubBlobCodec;
import io.khotools.kho.blob.SubBlobType;
import io.khotools.kho.view.KhoView;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A lone sub-blob file ({@code --as NAME}, or a file in a debugfs {@code sub_fdts/} folder): which
 * {@link SubBlobType} it is, and its decoded view for {@code kho dump}.
 *
 * <p>NAME is a root subtree name of kho-format.md §5 ({@code memblock}, {@code kho_test},
 * {@code kexec-metadata}, {@code LUO}, through {@link SubBlobType#forSubtree}) or the kebab-case name of any
 * other {@link SubBlobType} ({@code memfd-v2}, {@code luo-session-array}, {@code kho-block-sessions},
 * {@code raw}, ...), the names kho's view and the fixtures in testdata/kho use.
 */
final class SubBlobInputs {
    private SubBlobInputs() {}

    /**
     * A NAME given with {@code --as}, and the type it names.
     *
     * @param name as the user wrote it (shown in the view)
     * @param type the blob type
     */
    record As(String name, SubBlobType type) {}

    /** Parses {@code --as NAME}; an unknown name is a usage error listing the known ones. */
    static final class Converter implements ITypeConverter<As> {
        @Override
        public As convert(String value) {
            SubBlobType t = type(value);
            if (t == null) {
                throw new TypeConversionException("'" + value + "' is not a sub-blob name; expected one of "
                        + String.join(", ", names()));
            }
            return new As(value, t);
        }
    }

    /** The names {@code --as} takes, for help and shell completion. */
    static final class Candidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return names().iterator();
        }
    }

    /** The subtree names first, then every other type's kebab-case name. */
    static List<String> names() {
        List<String> subtrees = List.of("memblock", "kho_test", "kexec-metadata", "LUO");
        return java.util.stream.Stream.concat(subtrees.stream(), Arrays.stream(SubBlobType.values())
                        .filter(t -> !t.equals(SubBlobType.KHO_TEST) && !t.equals(SubBlobType.LUO)
                                && !t.equals(SubBlobType.MEMBLOCK) && !t.equals(SubBlobType.KEXEC_METADATA))
                        .map(SubBlobInputs::kebab))
                .collect(Collectors.toList());
    }

    /** The type NAME stands for, or null. */
    static SubBlobType type(String name) {
        SubBlobType t = SubBlobType.forSubtree(name);
        if (t != SubBlobType.RAW) {
            return t;
        }
        for (SubBlobType x : SubBlobType.values()) {
            if (kebab(x).equals(name)) {
                return x;
            }
        }
        return null;
    }

    private static String kebab(SubBlobType t) {
        return t.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The sub-blob an input is when no {@code --as} is given: a file directly in a folder named
     * {@code sub_fdts} is the subtree its file name names (kho-format.md §6; an unknown name is
     * {@link SubBlobType#RAW}, as in a debugfs directory).
     *
     * @return the implied name and type, or null for any other input
     */
    static As implied(CliContext context, String input) {
        if ("-".equals(input)) {
            return null;
        }
        Path p = context.resolve(input).toAbsolutePath().normalize();
        Path parent = p.getParent();
        if (parent == null || parent.getFileName() == null
                || !parent.getFileName().toString().equals(KhoDebugfs.SUB_FDTS)) {
            return null;
        }
        String name = p.getFileName().toString();
        return new As(name, SubBlobType.forSubtree(name));
    }

    /**
     * The view of a lone sub-blob: {@code blob} (its name), {@code type} and {@code decoded}, rendered as
     * {@code kho dump --format kho} renders a subtree's blob.
     *
     * @param as the name and type
     * @param bytes the blob (not kept)
     * @param options byte order and bitmap size of the producing kernel
     * @throws io.khotools.kho.KhoDecodeException if no model can be built (an FDT type that is not an FDT,
     *     a struct shorter than its fixed part)
     */
    static Map<String, Object> view(As as, byte[] bytes, KhoOptions options) {
        // KhoView renders decoded blobs only as part of a handover: wrap the blob in a one-subtree handover
        // and keep that subtree's entry (the root-level fields would describe a root this input does not have)
        KhoTree tree = new KhoTree(KhoAbi.V4, false, OptionalLong.empty(),
                List.of(new KhoSubtree(as.name(), OptionalLong.empty(), OptionalLong.empty())));
        KhoHandover h = new KhoHandover(tree, Map.of(as.name(), SubBlobCodec.decode(as.type(), bytes, options)),
                List.of());
        Map<String, Object> model = KhoView.model(h, true, false);
        @SuppressWarnings("unchecked")
        Map<String, Object> subtree = (Map<String, Object>) ((List<Object>) model.get("subtrees")).get(0);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("blob", as.name());
        m.put("type", subtree.get("type"));
        m.put("length", bytes.length);
        m.put("decoded", subtree.get("decoded"));
        return m;
    }
}
