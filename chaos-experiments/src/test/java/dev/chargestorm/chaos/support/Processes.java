package dev.chargestorm.chaos.support;

import java.util.List;

/** Process checks for teardown tests. */
public final class Processes {

    private Processes() {
    }

    /** @return those of the pids that still run */
    public static List<Long> alive(List<Long> pids) {
        return pids.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).toList();
    }

    /** @return the command lines of this JVM's descendants that still run */
    public static List<String> descendants() {
        return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
    }
}
