package dev.chargestorm.chaos.runtime.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The run folder's working directories, emptied when a run starts so that a folder can be reused. */
final class RunFolders {

    private RunFolders() {
    }

    /** Deletes {@code logs/} and {@code nodes/} of an earlier run in this folder ({@code postgres/}: {@link Database}). */
    static void prepare(Path run) throws IOException {
        deleteTree(run.resolve("logs"));
        deleteTree(run.resolve("nodes"));
        Files.createDirectories(run.resolve("logs"));
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
