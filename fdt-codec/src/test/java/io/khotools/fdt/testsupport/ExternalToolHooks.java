package io.khotools.fdt.testsupport;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * jqwik hooks that skip a differential property, with the reason in the report, when the reference tool is
 * not installed here. CI installs both, so there they run.
 */
public final class ExternalToolHooks {
    private ExternalToolHooks() {}

    /** Skips unless {@code dtc} runs. */
    public static final class RequiresDtc implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return DtcRunner.version() == null
                    ? SkipResult.skip("dtc is not installed (apt-get install device-tree-compiler)")
                    : SkipResult.doNotSkip();
        }
    }

    /** Skips unless a python with pylibfdt starts. */
    public static final class RequiresPyLibfdt implements SkipExecutionHook {
        private static Boolean available;

        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            synchronized (RequiresPyLibfdt.class) {
                if (available == null) {
                    FdtSwServer s = FdtSwServer.startOrNull();
                    available = s != null;
                    if (s != null) {
                        s.close();
                    }
                }
            }
            return available ? SkipResult.doNotSkip()
                    : SkipResult.skip("pylibfdt is not installed (apt-get install python3-libfdt)");
        }
    }
}
