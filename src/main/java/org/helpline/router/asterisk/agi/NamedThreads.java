package org.helpline.router.asterisk.agi;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Daemon threads named {@code prefix-N}, so a leak is visible in a thread dump and in tests, at the highest Java
 * priority: they carry the routing path, which must get a core before HTTP work does. The JVM maps Java
 * priorities to {@code nice} values only when started with {@code -XX:ThreadPriorityPolicy=1}, and raising one
 * above 0 needs {@code CAP_SYS_NICE} or an {@code RLIMIT_NICE} (systemd {@code LimitNICE=}); without them this
 * is silently a no-op (see docs/deployment.md).
 */
final class NamedThreads implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    NamedThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        return thread;
    }
}
