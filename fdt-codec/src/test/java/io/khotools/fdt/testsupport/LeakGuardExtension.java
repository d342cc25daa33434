package io.khotools.fdt.testsupport;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Fails a Jupiter test class whose tests leaked a ByteBuf. Auto-registered for every class. */
public final class LeakGuardExtension implements AfterAllCallback {
    @Override
    public void afterAll(ExtensionContext context) {
        NettyLeakGuard.assertNoLeaks();
    }
}
