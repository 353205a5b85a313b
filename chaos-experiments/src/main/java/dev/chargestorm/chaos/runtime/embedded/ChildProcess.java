package dev.chargestorm.chaos.runtime.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One child process of the harness, its output (stdout and stderr) appended to a log file. A JVM child runs under
 * {@link Watchdog}, so it ends when the harness JVM does.
 */
final class ChildProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);

    private final String name;
    private final Process process;
    private final Path log;

    private ChildProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code java [jvmOptions] -cp classpath Watchdog run <harnessPid> mainClass args}.
     */
    static ChildProcess startJvm(String name, Path java, List<String> jvmOptions, List<Path> classpath,
                                 String mainClass, List<String> args, Path log) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        command.add(Watchdog.class.getName());
        command.add("run");
        command.add(Long.toString(ProcessHandle.current().pid()));
        command.add(mainClass);
        command.addAll(args);
        return start(name, command, log);
    }

    /** Starts a process that stops the given one when the harness JVM dies ({@code Watchdog guard}). */
    static ChildProcess startGuard(String name, Path java, long guardedPid, Path log) {
        List<String> command = List.of(java.toString(), "-Xmx16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", Watchdog.location().toString(), Watchdog.class.getName(), "guard",
                Long.toString(ProcessHandle.current().pid()), Long.toString(guardedPid));
        return start(name, command, log);
    }

    private static ChildProcess start(String name, List<String> command, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(log, "# " + String.join(" ", command) + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            LOG.info("Started {} (pid {}), log {}", name, process.pid(), log);
            return new ChildProcess(name, process, log);
        } catch (IOException failed) {
            throw new UncheckedIOException("could not start " + name + " with " + command.getFirst()
                    + "; check that it is an executable JDK 21+ java", failed);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** @return the exit code once the process has exited */
    java.util.Optional<Integer> exitCode() {
        return process.isAlive() ? java.util.Optional.empty() : java.util.Optional.of(process.exitValue());
    }

    /** @return the last lines of the log, for error messages */
    String tail(int lines) {
        try (java.util.stream.Stream<String> all = Files.lines(log)) {
            List<String> kept = all.toList();
            return String.join(System.lineSeparator(), kept.subList(Math.max(0, kept.size() - lines), kept.size()));
        } catch (IOException | java.io.UncheckedIOException unreadable) {
            return "(log " + log + " unreadable: " + unreadable.getMessage() + ")";
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL and wait until the process (and every descendant) is gone. */
    void kill() {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        awaitExit(Duration.ofSeconds(30));
    }

    /**
     * SIGTERM, then SIGKILL if the process has not exited within the grace period.
     *
     * @return whether it exited within the grace period
     */
    boolean terminate(Duration gracePeriod) {
        if (!process.isAlive()) {
            return true;
        }
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        boolean exited = awaitExit(gracePeriod);
        if (!exited) {
            LOG.warn("{} (pid {}) did not exit within {} of SIGTERM; killing it (log {})", name, pid(), gracePeriod,
                    log);
            kill();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        return exited;
    }

    /** @return whether the process exited within the timeout */
    boolean awaitExit(Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException notYet) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        } catch (java.util.concurrent.ExecutionException impossible) {
            return !process.isAlive();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
