package dev.chargestorm.chaos.runtime.embedded;

import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How a node JVM starts: its JVM options, class path and main class (run by {@link Watchdog}).
 *
 * @param jvmOptions the settings' node options plus, with class-data sharing, the archive's
 * @param classpath  jars only when an archive is used (CDS does not accept non-empty folders)
 * @param mainClass  the class {@link Watchdog} runs
 * @param archive    the class-data-sharing archive the node maps, or {@code null} without one
 */
record NodeLaunch(List<String> jvmOptions, List<Path> classpath, String mainClass, @Nullable Path archive) {

    static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";

    NodeLaunch {
        jvmOptions = List.copyOf(jvmOptions);
        classpath = List.copyOf(classpath);
    }

    /** The fat jar through Spring Boot's launcher, {@link Watchdog} from wherever it was loaded. */
    static NodeLaunch fatJar(EmbeddedRuntimeSettings settings) {
        return new NodeLaunch(settings.nodeJvmOptions(), List.of(settings.sutJar(), Watchdog.location()), BOOT_LAUNCHER,
                null);
    }
}
