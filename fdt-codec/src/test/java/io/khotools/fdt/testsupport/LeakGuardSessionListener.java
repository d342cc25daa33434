package io.khotools.fdt.testsupport;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Installs {@link NettyLeakGuard} when the JUnit Platform starts, before any test touches a ByteBuf. */
public final class LeakGuardSessionListener implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        NettyLeakGuard.install();
    }
}
