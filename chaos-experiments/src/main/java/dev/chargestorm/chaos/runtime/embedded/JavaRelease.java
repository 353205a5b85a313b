package dev.chargestorm.chaos.runtime.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The version of the JDK a child {@code java} belongs to: from its {@code release} file, else from
 * {@code java -version}.
 *
 * @param home    the JDK's folder (real path)
 * @param version the full version, for example {@code 25.0.3+9-LTS}
 * @param feature the feature release, for example 25
 */
record JavaRelease(Path home, String version, int feature) {

    private static final Pattern RELEASE = Pattern.compile("(?m)^JAVA_RUNTIME_VERSION=\"([^\"]+)\"|^JAVA_VERSION=\"([^\"]+)\"");
    private static final Pattern VERSION_OUTPUT = Pattern.compile("version \"([^\"]+)\"");

    /** @return the release, or empty if neither the release file nor {@code java -version} tells it */
    static Optional<JavaRelease> of(Path java) {
        Path executable;
        try {
            executable = java.toRealPath();
        } catch (IOException missing) {
            return Optional.empty();
        }
        Path home = executable.getParent() == null ? executable : executable.getParent().getParent();
        Optional<String> version = home == null ? Optional.empty() : fromReleaseFile(home.resolve("release"));
        return version.or(() -> fromVersionOutput(executable))
                .flatMap(v -> feature(v).map(feature -> new JavaRelease(home == null ? executable : home, v, feature)));
    }

    private static Optional<String> fromReleaseFile(Path release) {
        try {
            Matcher matcher = RELEASE.matcher(Files.readString(release));
            String runtime = null;
            String plain = null;
            while (matcher.find()) {
                runtime = matcher.group(1) != null ? matcher.group(1) : runtime;
                plain = matcher.group(2) != null ? matcher.group(2) : plain;
            }
            return Optional.ofNullable(runtime != null ? runtime : plain);
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static Optional<String> fromVersionOutput(Path java) {
        try {
            Process process = new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            Matcher matcher = VERSION_OUTPUT.matcher(output);
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        } catch (IOException failed) {
            return Optional.empty();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<Integer> feature(String version) {
        try {
            return Optional.of(Runtime.Version.parse(version).feature());
        } catch (IllegalArgumentException notAModernVersion) {
            return Optional.empty(); // e.g. 1.8.0_392: older than any JDK the runtime supports
        }
    }
}
