package io.khotools.fdt.testsupport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns Netty leak reports into test failures. Netty only logs a leak; this guard installs a detector
 * factory (before any ByteBuf class initialises, from {@link LeakGuardSessionListener}) whose detectors
 * record every report, and {@link #assertNoLeaks()} fails with them. Test classes get the check
 * automatically: Jupiter through {@link LeakGuardExtension}, jqwik through {@link LeakGuardJqwikHook}.
 */
public final class NettyLeakGuard {
    private static final List<String> LEAKS = new ArrayList<>();
    private static volatile boolean installed;

    private NettyLeakGuard() {}

    /** Installs the recording factory once; later calls do nothing. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        if (ResourceLeakDetector.getLevel().ordinal() < ResourceLeakDetector.Level.PARANOID.ordinal()) {
            // the build sets paranoid through Surefire's argLine; IDE runs get the same
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        }
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    }

    /**
     * Collects garbage, lets Netty poll its leak queue, and fails with every leak reported since the
     * last call.
     *
     * @throws AssertionError listing the leak records
     */
    public static void assertNoLeaks() {
        List<String> found = collect();
        if (!found.isEmpty()) {
            throw new AssertionError(found.size() + " ByteBuf leak(s) detected:\n" + String.join("\n---\n", found));
        }
    }

    /** Runs the GC and Netty's leak polling, then returns and clears the reports gathered so far. */
    public static List<String> collect() {
        install();
        for (int round = 0; round < 3; round++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            // every allocation at paranoid level drains the detector's reference queue
            for (int i = 0; i < 4; i++) {
                ByteBuf a = PooledByteBufAllocator.DEFAULT.directBuffer(8);
                a.release();
                ByteBuf b = UnpooledByteBufAllocator.DEFAULT.heapBuffer(8);
                b.release();
            }
        }
        synchronized (LEAKS) {
            List<String> copy = new ArrayList<>(LEAKS);
            LEAKS.clear();
            return copy;
        }
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
            return new RecordingDetector<>(resource, samplingInterval);
        }
    }

    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        RecordingDetector(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            record("LEAK: " + resourceType + ".release() was not called" + records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            record("LEAK: " + resourceType + ".release() was not called (no records)");
        }

        @Override
        protected boolean needReport() {
            return true;
        }

        private static void record(String leak) {
            synchronized (LEAKS) {
                LEAKS.add(leak);
            }
        }
    }
}
