package dev.chargestorm.chaos.runtime.embedded;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * Main class of every child process the embedded runtime starts; uses the JDK only, so that it can run on any
 * classpath. Two modes:
 * <ul>
 *   <li>{@code run <harnessPid> <mainClass> [args...]}: runs {@code mainClass} and exits the JVM (shutdown hooks
 *       first, a halt after 20 s) as soon as the harness process is gone;</li>
 *   <li>{@code guard <harnessPid> <pid>...}: for processes that are not JVMs (PostgreSQL): when the harness is
 *       gone, SIGTERM the pids and their descendants, SIGKILL after 10 s; exits when they are all gone.</li>
 * </ul>
 */
@API(status = API.Status.INTERNAL)
public final class Watchdog {

    private Watchdog() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length < 3 || !(args[0].equals("run") || args[0].equals("guard"))) {
            throw new IllegalArgumentException("usage: Watchdog run <harnessPid> <mainClass> [args...]"
                    + " | Watchdog guard <harnessPid> <pid>... but was " + Arrays.toString(args));
        }
        long harness = Long.parseLong(args[1]);
        if (args[0].equals("run")) {
            whenGone(harness).thenRun(Watchdog::exit);
            try {
                Class.forName(args[2]).getMethod("main", String[].class)
                        .invoke(null, (Object) Arrays.copyOfRange(args, 3, args.length));
            } catch (InvocationTargetException failed) {
                throw failed.getCause();
            }
        } else {
            List<ProcessHandle> guarded = Arrays.stream(args, 2, args.length).map(Long::parseLong)
                    .map(ProcessHandle::of).flatMap(Optional::stream).toList();
            CompletableFuture<?> allGone = CompletableFuture.allOf(guarded.stream()
                    .map(ProcessHandle::onExit).toArray(CompletableFuture[]::new));
            CompletableFuture.anyOf(allGone, whenGone(harness)).join();
            if (!allGone.isDone()) {
                guarded.forEach(Watchdog::terminate);
            }
            System.exit(0);
        }
    }

    /** @return the classpath entry (folder or jar) that holds this class */
    static java.nio.file.Path location() {
        try {
            return java.nio.file.Path.of(Watchdog.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException | RuntimeException unexpected) {
            throw new IllegalStateException("cannot find where the class " + Watchdog.class.getName()
                    + " was loaded from, which child processes need on their classpath", unexpected);
        }
    }

    private static CompletableFuture<?> whenGone(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::onExit)
                .map(exit -> (CompletableFuture<?>) exit)
                .orElseGet(() -> CompletableFuture.completedFuture(null));
    }

    private static void exit() {
        // The bound on the shutdown hooks: the delayed executor's threads are daemons and keep running during exit.
        CompletableFuture.delayedExecutor(20, TimeUnit.SECONDS).execute(() -> Runtime.getRuntime().halt(137));
        System.exit(143);
    }

    private static void terminate(ProcessHandle process) {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception notInTime) {
            process.destroyForcibly();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
