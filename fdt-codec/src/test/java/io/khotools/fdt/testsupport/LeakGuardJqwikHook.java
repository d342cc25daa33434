package io.khotools.fdt.testsupport;

import net.jqwik.api.lifecycle.AfterContainerHook;
import net.jqwik.api.lifecycle.ContainerLifecycleContext;
import net.jqwik.api.lifecycle.PropagationMode;

/** Fails a jqwik container (property class) whose properties leaked a ByteBuf. Registered globally. */
public final class LeakGuardJqwikHook implements AfterContainerHook {
    @Override
    public void afterContainer(ContainerLifecycleContext context) {
        if (context.optionalContainerClass().isPresent()) {
            NettyLeakGuard.assertNoLeaks();
        }
    }

    @Override
    public PropagationMode propagateTo() {
        return PropagationMode.ALL_DESCENDANTS;
    }
}
