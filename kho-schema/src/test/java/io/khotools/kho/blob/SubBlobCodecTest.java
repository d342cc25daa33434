package io.khotools.kho.blob;

import static org.assertj.core.api.Assertions.assertThat;

import io.khotools.fdt.testsupport.TestData;
import io.khotools.kho.KhoOptions;
import java.util.HexFormat;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Hand-checked sub-blob bytes (written from kho-format.md §4.3, §5) with their decoded values spelled out. */
class SubBlobCodecTest {
    private static final KhoOptions LE = KhoOptions.DEFAULT;

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s+", ""));
    }

    private static SubBlob roundTrip(SubBlobType t, byte[] b) {
        SubBlob d = SubBlobCodec.decode(t, b, LE);
        assertThat(SubBlobCodec.encode(d, LE)).isEqualTo(b);
        return d;
    }

    @Test
    void kexecMetadata() {
        byte[] b = new byte[73];
        System.arraycopy(hex("01000000"), 0, b, 0, 4);                       // @0  version 1
        System.arraycopy("7.2.13".getBytes(), 0, b, 4, 6);                   // @4  previous_release
        System.arraycopy(hex("05000000"), 0, b, 69, 4);                      // @69 kexec_count 5
        assertThat(roundTrip(SubBlobType.KEXEC_METADATA, b)).isEqualTo(new KexecMetadata(1, "7.2.13", 5));
        assertThat(SubBlobCodec.decode(SubBlobType.KEXEC_METADATA, hex("01000000 0000"), LE))
                .isEqualTo(new KexecMetadata(1, null, -1));
    }

    @Test
    void luoSerV5() {
        byte[] b = hex("6c756f2d76350000"      // "luo-v5\0" padded to 8
                + "0900000000000000"           // liveupdate_num 9
                + "0030004000000000"           // sessions_pa 0x40003000
                + "0000000000000000");         // flbs_pa 0
        assertThat(roundTrip(SubBlobType.LUO, b)).isEqualTo(new LuoSer("luo-v5", 9, 0x4000_3000L, 0));
    }

    @Test
    void vmallocAndMemfd() {
        byte[] v = hex("0050341208000000 0c000000 0100 0200"); // first, total_pages 12, flags ALLOC, order 2
        KhoVmalloc vm = new KhoVmalloc(0x8_1234_5000L, 12, 1, 2);
        assertThat(roundTrip(SubBlobType.VMALLOC, v)).isEqualTo(vm);
        byte[] m1 = hex("0000000000000000 0030000000000000 0300000000000000").clone();
        byte[] memfdV1 = new byte[40];
        System.arraycopy(m1, 0, memfdV1, 0, 24);                 // pos 0, size 0x3000, nr_folios 3
        System.arraycopy(v, 0, memfdV1, 24, 16);                 // folios
        assertThat(roundTrip(SubBlobType.MEMFD_V1, memfdV1)).isEqualTo(new MemfdSer(1, 0, 0x3000, 0, 0, 3, vm));
        byte[] memfdV2 = new byte[48];
        System.arraycopy(hex("1000000000000000 0030000000000000 0a000000 03000000 0300000000000000"), 0, memfdV2, 0, 32);
        System.arraycopy(v, 0, memfdV2, 32, 16);
        assertThat(roundTrip(SubBlobType.MEMFD_V2, memfdV2)).isEqualTo(new MemfdSer(2, 0x10, 0x3000, 0xa, 3, 3, vm));
        // pfn:52 low, flags:12 high
        assertThat(roundTrip(SubBlobType.MEMFD_FOLIOS, hex("3412080000003000 0100000000000000")))
                .isEqualTo(new MemfdFolioArray(List.of(new MemfdFolio(0x81234, 3, 1))));
    }

    @Test
    void blocksAndChunks() {
        byte[] block = new byte[4096];
        System.arraycopy(hex("0000084000000000 0100000000000000"), 0, block, 0, 16); // next 0x40080000, count 1
        System.arraycopy("vm-1".getBytes(), 0, block, 16, 4);
        System.arraycopy(hex("0000054000000000 0200000000000000"), 0, block, 16 + 64, 16); // files, count
        assertThat(roundTrip(SubBlobType.KHO_BLOCK_SESSIONS, block)).isEqualTo(new KhoBlock(
                SubBlobType.KHO_BLOCK_SESSIONS, 0x4008_0000L, List.of(new LuoRecord.Session("vm-1", 0x4005_0000L, 2))));
        byte[] chunk = new byte[4096];
        System.arraycopy(hex("0000000000000000 0000002008000000 0040002008000000"), 0, chunk, 0, 24);
        assertThat(roundTrip(SubBlobType.VMALLOC_CHUNK, chunk))
                .isEqualTo(new VmallocChunk(0, List.of(0x8_2000_0000L, 0x8_2000_4000L)));
    }

    @Test
    void fdtSubBlobsFromTheFixtures() {
        assertThat(SubBlobCodec.decode(SubBlobType.MEMBLOCK, TestData.bytes("kho/valid/memblock.memblock.dtb"), LE))
                .isEqualTo(new MemblockBlob(List.of(new ReserveMem("trace", 0x1_2000_0000L, 0x10_0000L),
                        new ReserveMem("oops", 0x1_2010_0000L, 0x4000L))));
        assertThat(SubBlobCodec.decode(SubBlobType.KHO_TEST, TestData.bytes("kho/valid/kho-test.kho-test.dtb"), LE))
                .isEqualTo(new KhoTestBlob(0x4b484f21, 3, new KhoVmalloc(0x8_1234_5000L, 12, 1, 2), 0xbeef));
        assertThat(SubBlobCodec.decode(SubBlobType.LUO, TestData.bytes("kho/valid/luo-v1.luo.dtb"), LE))
                .isEqualTo(LuoFdtBlob.v1(7, new LuoFdtNode("luo-session-v2", OptionalLong.of(0x4000_0000L)),
                        new LuoFdtNode("luo-flb-v1", OptionalLong.of(0x4001_0000L))));
        assertThat(SubBlobCodec.decode(SubBlobType.LUO, TestData.bytes("kho/valid/luo-v2.luo.dtb"), LE))
                .isEqualTo(LuoFdtBlob.v2(0x4002_0000L));
        // an unknown FDT blob is kept whole, with its generic tree
        RawBlob raw = (RawBlob) SubBlobCodec.decode(SubBlobType.RAW, TestData.bytes("kho/valid/luo-v2.luo.dtb"), LE);
        assertThat(raw.fdt()).isPresent();
    }
}
