package dev.tokengate.internal.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The threads of one application's issuer calls, owned so that undeploying stops them all. A thread that keeps the
 * application's class loader as its context loader pins every class of a redeployed application (Tomcat warns about
 * it on undeploy), so none of these has it: the workers and the deadline timer are created without a context loader,
 * and the JDK client is built with none on the creating thread, which its selector thread inherits.
 * {@code CompletableFuture.orTimeout} is avoided for the same reason: its JDK-wide timer thread would inherit the loader
 * of whichever application first used it.
 */
final class IssuerCallThreads {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final ExecutorService workers;
    private final ScheduledExecutorService timer;

    IssuerCallThreads() {
        int pool = POOLS.incrementAndGet();
        // Issuer calls are few (key refreshes, introspection and userinfo misses) and these threads only move their
        // bytes and callbacks: two are plenty, and they end after 30 s without work.
        ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                factory("tokengate-issuer-" + pool + "-worker-"));
        executor.allowCoreThreadTimeOut(true);
        this.workers = executor;
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, factory("tokengate-issuer-" + pool + "-timer-"));
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setKeepAliveTime(30, TimeUnit.SECONDS);
        scheduler.allowCoreThreadTimeOut(true);
        this.timer = scheduler;
    }

    ExecutorService executor() {
        return workers;
    }

    /** Fails {@code future} with a {@link TimeoutException} unless it completes within {@code millis}. */
    <T> CompletableFuture<T> withDeadline(CompletableFuture<T> future, long millis) {
        if (!future.isDone()) {
            var timeout = timer.schedule(() -> future.completeExceptionally(new TimeoutException()), millis,
                    TimeUnit.MILLISECONDS);
            future.whenComplete((result, failure) -> timeout.cancel(false));
        }
        return future;
    }

    /** Runs {@code action} with no context class loader on this thread, so threads it starts do not inherit one. */
    <T> T callWithoutApplicationLoader(Supplier<T> action) {
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(null);
        try {
            return action.get();
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    void shutdown() {
        timer.shutdownNow();
        workers.shutdownNow();
    }

    private static ThreadFactory factory(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            thread.setContextClassLoader(null);
            return thread;
        };
    }
}
