package io.khotools.bench;

import io.khotools.fdt.check.Diagnostic;
import io.khotools.kho.memory.KeySink;
import io.khotools.kho.memory.PageAllocator;
import io.khotools.kho.memory.PhysRange;
import io.khotools.kho.memory.PreservedBlocks;
import io.khotools.kho.memory.RadixGeometry;
import io.khotools.kho.memory.RadixTreeCodec;
import io.khotools.kho.memory.SparseMemory;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The kho-v4 radix-tree preserved-memory map of {@code blocks} consecutive order-0 blocks (16M = 64 GiB of
 * 4 KiB pages): encoding it into pages from an allocator, walking it (every key handed to a sink), and
 * decoding it into a {@link PreservedBlocks} (one long per block). One thread. The smoke test shrinks
 * {@code blocks}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g", "-Xms3g"})
public class MemoryMapBenchmark {
    /** Number of order-0 blocks, starting at 4 GiB. */
    @Param({"16777216"})
    public int blocks;

    static final long BASE = 1L << 32;
    static final long MAP_AT = 1L << 44;

    RadixTreeCodec codec;
    PreservedBlocks set;
    SparseMemory encoded;
    long root;

    @Setup(Level.Trial)
    public void setUp() {
        codec = new RadixTreeCodec(new RadixGeometry(12, true), ByteOrder.LITTLE_ENDIAN);
        PreservedBlocks.Builder b = PreservedBlocks.builder(12);
        for (int i = 0; i < blocks; i++) {
            b.add(BASE + ((long) i << 12), 0);
        }
        set = b.build();
        encoded = new SparseMemory(12);
        root = codec.encode(set, new PageAllocator(encoded, MAP_AT, MAP_AT + (1L << 36)));
        System.out.println("\nmap: " + encoded.pageCount() + " pages for " + set.count() + " blocks");
    }

    /** Lays the map out into fresh pages; returns the page count so nothing is dropped. */
    @Benchmark
    public long encode() {
        SparseMemory m = new SparseMemory(12);
        long r = codec.encode(set, new PageAllocator(m, MAP_AT, MAP_AT + (1L << 36)));
        return r + m.pageCount();
    }

    /** Walks every node and leaf bit; returns a checksum of the keys. */
    @Benchmark
    public long walk() {
        Checksum c = new Checksum();
        List<PhysRange> pieces = new ArrayList<>();
        List<Diagnostic> findings = new ArrayList<>();
        codec.walk(encoded, root, c, pieces, findings);
        if (!findings.isEmpty() || c.count != blocks) {
            throw new IllegalStateException("walk found " + c.count + " blocks, " + findings);
        }
        return c.sum;
    }

    /** Walks and collects every block into the compact model. */
    @Benchmark
    public int decode() {
        return codec.decode(encoded, root).blocks().count();
    }

    /** Sums and counts keys. */
    static final class Checksum implements KeySink {
        long sum;
        long count;

        @Override
        public void key(long key) {
            sum += key;
            count++;
        }
    }
}
