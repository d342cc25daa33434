package io.khotools.fdt.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.FdtToken;
import io.khotools.fdt.testsupport.TestData;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Version 2, 3 and 16 blobs (dtc -V) read as the same tree as version 17. */
class FdtReaderVersionsTest {

    private static List<String> walk(byte[] bytes) {
        ByteBuf blob = Unpooled.wrappedBuffer(bytes);
        try {
            List<String> out = new ArrayList<>();
            FdtReader r = FdtReader.open(blob);
            for (FdtToken t = r.next(); t != FdtToken.END; t = r.next()) {
                switch (t) {
                    case BEGIN_NODE -> out.add("node " + r.nodeName() + " " + r.path());
                    case PROP -> out.add("prop " + r.propertyName() + "=" + HexFormat.of().formatHex(r.propertyValueBytes()));
                    case END_NODE -> out.add("end");
                    default -> throw new AssertionError(t);
                }
            }
            return out;
        } finally {
            assertThat(blob.release()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 16})
    void olderVersionsReadLikeVersion17(int version) {
        List<String> v17 = walk(TestData.bytes("fdt/versions/basic-v17.dtb"));
        List<String> old = walk(TestData.bytes("fdt/versions/basic-v" + version + ".dtb"));
        // v1-v3 add a "name" property per node (dtc -V 2/3); everything else must match, the root's
        // stored full path "/" included, which reads as the empty unit name
        assertThat(old.get(0)).isEqualTo("node  /");
        assertThat(old.stream().filter(s -> !s.startsWith("prop name=")).toList()).isEqualTo(v17);
    }

    /** Regression: the last byte of a v2 full-path name was skipped when looking for the final '/'. */
    @Test
    void fullPathEndingInSlashHasEmptyUnitName() {
        byte[] bytes = TestData.bytes("fdt/versions/basic-v2.dtb");
        byte[] needle = "/chosen\0".getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(bytes, needle);
        assertThat(at).isPositive();
        bytes[at + needle.length - 2] = '/'; // "/chose/"
        assertThat(walk(bytes)).contains("node  /");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
