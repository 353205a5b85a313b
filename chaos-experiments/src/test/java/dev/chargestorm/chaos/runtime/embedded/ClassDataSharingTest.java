package dev.chargestorm.chaos.runtime.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataSharingTest {

    @TempDir
    Path target;

    @Test
    void turnedOffNodesStartFromTheFatJar() {
        // GIVEN
        EmbeddedRuntimeSettings settings = EmbeddedRuntimeSettings.defaults().withClassDataSharing(false);

        // WHEN
        NodeLaunch launch = ClassDataSharing.prepare(settings, List.of("--server.port=1"));

        // THEN
        assertThat(launch.archive()).isNull();
        assertThat(launch.classpath()).containsExactly(settings.sutJar(), Watchdog.location());
        assertThat(launch.mainClass()).isEqualTo(NodeLaunch.BOOT_LAUNCHER);
        assertThat(launch.jvmOptions()).isEqualTo(settings.nodeJvmOptions());
        assertThat(settings.classDataSharing()).isFalse();
        assertThat(EmbeddedRuntimeSettings.defaults().classDataSharing()).isTrue();
    }

    @Test
    void aJarThatCannotBeExtractedFallsBackOnceAndARebuiltJarGetsItsOwnFolder() throws IOException {
        // GIVEN: a jar that is not a Spring Boot jar, so that the extraction fails
        Path jar = plainJar(target.resolve("system-under-test.jar"));
        EmbeddedRuntimeSettings settings = EmbeddedRuntimeSettings.defaults().withSutJar(jar);

        // WHEN
        NodeLaunch first = ClassDataSharing.prepare(settings, List.of("--server.port=1"));
        NodeLaunch second = ClassDataSharing.prepare(settings, List.of("--server.port=1"));

        // THEN: the fat jar, and one folder that remembers the failure instead of retrying
        assertThat(first).isEqualTo(NodeLaunch.fatJar(settings));
        assertThat(second).isEqualTo(first);
        assertThat(keyFolders()).singleElement().satisfies(folder -> {
            assertThat(folder.resolve("FAILED")).content().contains("extracting");
            assertThat(folder.resolve("READY")).doesNotExist();
        });

        // WHEN: the jar is rebuilt
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        ClassDataSharing.prepare(settings, List.of("--server.port=1"));

        // THEN
        assertThat(keyFolders()).hasSize(2);
    }

    @Test
    void knowsTheVersionOfTheRunningJava() {
        assertThat(JavaRelease.of(EmbeddedRuntimeSettings.defaults().java())).hasValueSatisfying(release -> {
            assertThat(release.feature()).isEqualTo(Runtime.version().feature());
            assertThat(release.version()).startsWith(Integer.toString(Runtime.version().feature()));
        });
        assertThat(JavaRelease.of(target.resolve("no-java"))).isEmpty();
    }

    private List<Path> keyFolders() throws IOException {
        try (Stream<Path> entries = Files.list(target.resolve("cds"))) {
            return entries.filter(Files::isDirectory).toList();
        }
    }

    private static Path plainJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream ignored = new JarOutputStream(file, manifest)) {
            return jar;
        }
    }
}
