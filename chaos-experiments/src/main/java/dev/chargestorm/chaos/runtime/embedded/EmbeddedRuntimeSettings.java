package dev.chargestorm.chaos.runtime.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * How the embedded runtime starts a topology. Immutable; {@link #defaults()} then {@code with*}.
 *
 * @param sutJar         the packaged central system, {@code system-under-test/target/system-under-test.jar}
 * @param toxiproxyJar   the toxiproxy-embedded CLI jar, needed by {@link ProxyMode#PROCESS_PER_ZONE} only
 * @param java           the {@code java} executable of a JDK 21+ for child processes
 * @param nodeJvmOptions JVM options of every node
 * @param nodeProperties extra {@code --key=value} arguments of every node (for example a shorter Hikari
 *                       connection timeout)
 * @param proxyMode      where Toxiproxy runs
 * @param seed           seed of Toxiproxy's toxicity rolls and jitter
 * @param startupTimeout bound on each component's start (a node until it is healthy)
 * @param stopTimeout    grace period between SIGTERM and SIGKILL when the platform closes
 * @param classDataSharing whether nodes start from the extracted jar with a class-data-sharing archive (an AOT cache on
 *                       JDK 25+, a dynamic AppCDS archive on JDK 21-24) that a training run creates once per jar and
 *                       JDK under {@code system-under-test/target/cds/}; see {@link NodeLaunch}
 */
@API(status = API.Status.EXPERIMENTAL)
public record EmbeddedRuntimeSettings(Path sutJar, Path toxiproxyJar, Path java, List<String> nodeJvmOptions,
                                      List<String> nodeProperties, ProxyMode proxyMode, long seed,
                                      Duration startupTimeout, Duration stopTimeout,
                                      boolean classDataSharing) {

    public EmbeddedRuntimeSettings {
        Objects.requireNonNull(sutJar, "sutJar");
        Objects.requireNonNull(toxiproxyJar, "toxiproxyJar");
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(proxyMode, "proxyMode");
        nodeJvmOptions = List.copyOf(nodeJvmOptions);
        nodeProperties = List.copyOf(nodeProperties);
        for (String property : nodeProperties) {
            if (!property.startsWith("--") || !property.contains("=")) {
                throw new IllegalArgumentException("node properties must look like --key=value but one was '"
                        + property + "'");
            }
        }
        requirePositive("startupTimeout", startupTimeout);
        requirePositive("stopTimeout", stopTimeout);
    }

    /**
     * The jars where a build of this repository leaves them (looked up from the working directory, which is the module
     * folder under Maven and the repository root in an IDE), the running JVM's {@code java}, 384 MB of heap per node,
     * Toxiproxy in this JVM, seed 42, 3 minutes to start, 30 s to stop, class-data sharing on.
     */
    public static EmbeddedRuntimeSettings defaults() {
        return new EmbeddedRuntimeSettings(
                findBuilt("system-under-test", "system-under-test.jar"),
                findBuilt("toxiproxy-embedded", "toxiproxy-embedded.jar"),
                currentJava(),
                List.of("-Xms128m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"),
                List.of(), ProxyMode.IN_PROCESS, 42L, Duration.ofMinutes(3), Duration.ofSeconds(30), true);
    }

    public EmbeddedRuntimeSettings withSutJar(Path jar) {
        return new EmbeddedRuntimeSettings(jar, toxiproxyJar, java, nodeJvmOptions, nodeProperties, proxyMode, seed,
                startupTimeout, stopTimeout, classDataSharing);
    }

    public EmbeddedRuntimeSettings withToxiproxyJar(Path jar) {
        return new EmbeddedRuntimeSettings(sutJar, jar, java, nodeJvmOptions, nodeProperties, proxyMode, seed,
                startupTimeout, stopTimeout, classDataSharing);
    }

    public EmbeddedRuntimeSettings withJava(Path executable) {
        return new EmbeddedRuntimeSettings(sutJar, toxiproxyJar, executable, nodeJvmOptions, nodeProperties, proxyMode,
                seed, startupTimeout, stopTimeout, classDataSharing);
    }

    public EmbeddedRuntimeSettings withNodeJvmOptions(String... options) {
        return new EmbeddedRuntimeSettings(sutJar, toxiproxyJar, java, List.of(options), nodeProperties, proxyMode,
                seed, startupTimeout, stopTimeout, classDataSharing);
    }

    public EmbeddedRuntimeSettings withNodeProperties(String... properties) {
        return new EmbeddedRuntimeSettings(sutJar, toxiproxyJar, java, nodeJvmOptions, List.of(properties), proxyMode,
                seed, startupTimeout, stopTimeout, classDataSharing);
    }

    public EmbeddedRuntimeSettings withProxyMode(ProxyMode mode) {
        return new EmbeddedRuntimeSettings(sutJar, toxiproxyJar, java, nodeJvmOptions, nodeProperties, mode, seed,
                startupTimeout, stopTimeout, classDataSharing);
    }

    public EmbeddedRuntimeSettings withSeed(long newSeed) {
        return new EmbeddedRuntimeSettings(sutJar, toxiproxyJar, java, nodeJvmOptions, nodeProperties, proxyMode,
                newSeed, startupTimeout, stopTimeout, classDataSharing);
    }

    public EmbeddedRuntimeSettings withStartupTimeout(Duration timeout) {
        return new EmbeddedRuntimeSettings(sutJar, toxiproxyJar, java, nodeJvmOptions, nodeProperties, proxyMode, seed,
                timeout, stopTimeout, classDataSharing);
    }

    public EmbeddedRuntimeSettings withStopTimeout(Duration timeout) {
        return new EmbeddedRuntimeSettings(sutJar, toxiproxyJar, java, nodeJvmOptions, nodeProperties, proxyMode, seed,
                startupTimeout, timeout, classDataSharing);
    }

    /** @param enabled {@code false} to start nodes from the fat jar without a class-data-sharing archive */
    public EmbeddedRuntimeSettings withClassDataSharing(boolean enabled) {
        return new EmbeddedRuntimeSettings(sutJar, toxiproxyJar, java, nodeJvmOptions, nodeProperties, proxyMode, seed,
                startupTimeout, stopTimeout, enabled);
    }

    /** @throws IllegalStateException naming the missing file and the command that builds it */
    void requireJars() {
        requireFile(sutJar, "the central system jar", "./mvnw -pl system-under-test package -DskipTests");
        if (proxyMode == ProxyMode.PROCESS_PER_ZONE) {
            requireFile(toxiproxyJar, "the toxiproxy-embedded CLI jar (needed by ProxyMode.PROCESS_PER_ZONE)",
                    "./mvnw -pl toxiproxy-embedded package -DskipTests");
        }
    }

    private static void requireFile(Path file, String what, String build) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No " + what + " at " + file.toAbsolutePath().normalize()
                    + ": build it from the repository root with '" + build + "', or pass its path to"
                    + " EmbeddedRuntimeSettings");
        }
    }

    private static Path findBuilt(String module, String jar) {
        Path relative = Path.of(module, "target", jar);
        return Stream.of(Path.of("..").resolve(relative), relative).filter(Files::isRegularFile).findFirst()
                .orElse(Path.of("..").resolve(relative));
    }

    private static Path currentJava() {
        Optional<String> command = ProcessHandle.current().info().command();
        return command.map(Path::of).filter(Files::isExecutable)
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive but was " + value);
        }
    }
}
