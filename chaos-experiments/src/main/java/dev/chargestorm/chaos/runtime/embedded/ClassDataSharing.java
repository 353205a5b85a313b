package dev.chargestorm.chaos.runtime.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class-data sharing for node JVMs, Spring Boot's documented way: the fat jar extracted
 * ({@code java -Djarmode=tools -jar system-under-test.jar extract}), one training run that stops after the context
 * refresh ({@code -Dspring.context.exit=onRefresh}) and writes the archive, then every node maps the archive read-only.
 * On JDK 25+ the archive is an AOT cache (JEP 483/514: {@code -XX:AOTCacheOutput}, {@code -XX:AOTCache}), on JDK 21-24
 * a dynamic AppCDS archive ({@code -XX:ArchiveClassesAtExit}, {@code -XX:SharedArchiveFile}).
 *
 * <p>Files: {@code <sut jar folder>/cds/<key>/} with {@code app/} (the extracted jar), {@code watchdog.jar} (CDS takes
 * jars only, not {@code target/classes}), the archive, {@code training.log} and a {@code READY} or {@code FAILED}
 * marker. The key hashes the sut jar (path, size, time), the JDK (home, version), the node JVM options and the
 * {@link Watchdog} class, so a rebuilt jar or another JDK never meets a stale archive. A file lock (and a lock within
 * this JVM) makes exactly one caller create a folder; the others wait and reuse it. When anything fails the nodes start
 * from the fat jar as before, and the reason is logged once at info.
 */
final class ClassDataSharing {

    private static final Logger LOG = LoggerFactory.getLogger(ClassDataSharing.class);
    private static final ReentrantLock IN_THIS_JVM = new ReentrantLock();
    private static final Set<Path> REPORTED = ConcurrentHashMap.newKeySet();
    private static final int AOT_CACHE_FEATURE = 25;
    private static final int MINIMUM_FEATURE = 21;

    private ClassDataSharing() {
    }

    /**
     * @param trainingArguments the node arguments of the training run (a free port, its own data folder)
     * @return how to start nodes: with the archive, or from the fat jar when sharing is off or could not be set up
     */
    static NodeLaunch prepare(EmbeddedRuntimeSettings settings, List<String> trainingArguments) {
        if (!settings.classDataSharing()) {
            return NodeLaunch.fatJar(settings);
        }
        Optional<JavaRelease> release = JavaRelease.of(settings.java());
        if (release.isEmpty() || release.get().feature() < MINIMUM_FEATURE) {
            reportOnce(settings.java(), "nodes start without class-data sharing: the version of " + settings.java()
                    + " is unknown or below " + MINIMUM_FEATURE);
            return NodeLaunch.fatJar(settings);
        }
        Path root = settings.sutJar().toAbsolutePath().normalize().getParent().resolve("cds");
        try {
            Path folder = root.resolve(key(settings, release.get()));
            return withLock(root, folder, () -> ready(settings, release.get(), folder, trainingArguments));
        } catch (IOException | RuntimeException failed) {
            reportOnce(root, "nodes start without class-data sharing: " + failed);
            return NodeLaunch.fatJar(settings);
        }
    }

    private interface Step {
        NodeLaunch run() throws IOException;
    }

    private static NodeLaunch withLock(Path root, Path folder, Step step) throws IOException {
        Files.createDirectories(root);
        IN_THIS_JVM.lock();
        try (FileChannel channel = FileChannel.open(root.resolve(folder.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            return step.run();
        } finally {
            IN_THIS_JVM.unlock();
        }
    }

    /** Under the lock: reuses a finished folder, or creates it with one training run. */
    private static NodeLaunch ready(EmbeddedRuntimeSettings settings, JavaRelease release, Path folder,
                                    List<String> trainingArguments) throws IOException {
        Layout layout = new Layout(folder, release.feature() >= AOT_CACHE_FEATURE);
        if (Files.isRegularFile(layout.failed())) {
            reportOnce(folder, "nodes start without class-data sharing: its training failed earlier ("
                    + Files.readString(layout.failed()).strip() + "); delete " + folder + " to try again");
            return NodeLaunch.fatJar(settings);
        }
        if (!Files.isRegularFile(layout.ready())) {
            RunFolders.deleteTree(folder);
            Files.createDirectories(folder);
            Optional<String> failure = create(settings, layout, trainingArguments);
            if (failure.isPresent()) {
                Files.writeString(layout.failed(), failure.get() + System.lineSeparator());
                reportOnce(folder, "nodes start without class-data sharing: " + failure.get() + "; see "
                        + layout.trainingLog());
                return NodeLaunch.fatJar(settings);
            }
            Files.writeString(layout.ready(), release.version() + System.lineSeparator());
        }
        List<String> options = new ArrayList<>(settings.nodeJvmOptions());
        options.addAll(layout.useOptions());
        return new NodeLaunch(options, layout.classpath(), mainClass(layout.appJar()), layout.archive());
    }

    /** @return why the archive could not be created, or empty when it was */
    private static Optional<String> create(EmbeddedRuntimeSettings settings, Layout layout,
                                           List<String> trainingArguments) throws IOException {
        long started = System.nanoTime();
        // through the launcher under Watchdog, like a node, so that it ends with the harness
        ChildProcess extraction = ChildProcess.startJvm("cds-extract", settings.java(), List.of("-Djarmode=tools"),
                NodeLaunch.fatJar(settings).classpath(), NodeLaunch.BOOT_LAUNCHER,
                List.of("extract", "--destination", layout.app().toString()), layout.trainingLog());
        if (!extraction.awaitExit(Duration.ofMinutes(2))) {
            extraction.kill();
            return Optional.of("extracting " + settings.sutJar() + " did not end within 2 minutes");
        }
        if (extraction.exitCode().orElse(-1) != 0 || !Files.isRegularFile(layout.appJar())) {
            return Optional.of("extracting " + settings.sutJar() + " failed (exit code "
                    + extraction.exitCode().orElse(-1) + ")");
        }
        writeWatchdogJar(layout.watchdogJar());
        List<String> options = new ArrayList<>(settings.nodeJvmOptions());
        options.addAll(layout.trainingOptions());
        options.add("-Dspring.context.exit=onRefresh");
        ChildProcess training = ChildProcess.startJvm("cds-training", settings.java(), options, layout.classpath(),
                mainClass(layout.appJar()), trainingArguments, layout.trainingLog());
        if (!training.awaitExit(settings.startupTimeout().multipliedBy(2))) {
            training.kill();
            return Optional.of("the training run did not end within " + settings.startupTimeout().multipliedBy(2));
        }
        int exitCode = training.exitCode().orElse(-1);
        if (exitCode != 0 || !Files.isRegularFile(layout.archive()) || Files.size(layout.archive()) == 0) {
            return Optional.of("the training run exited with code " + exitCode + " and left "
                    + (Files.isRegularFile(layout.archive()) ? Files.size(layout.archive()) + " bytes" : "no archive")
                    + " at " + layout.archive());
        }
        LOG.info("Class-data sharing archive {} ({} MB) created in {} s; nodes start from {}", layout.archive(),
                Files.size(layout.archive()) / (1024 * 1024),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), layout.appJar());
        return Optional.empty();
    }

    /** A jar of the {@link Watchdog} class alone (it uses the JDK only), with fixed entry times. */
    private static void writeWatchdogJar(Path jar) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest)) {
            JarEntry entry = new JarEntry(watchdogClassFile());
            entry.setTime(0L);
            out.putNextEntry(entry);
            out.write(watchdogBytes());
            out.closeEntry();
        }
    }

    private static String watchdogClassFile() {
        return Watchdog.class.getName().replace('.', '/') + ".class";
    }

    private static byte[] watchdogBytes() throws IOException {
        try (InputStream in = Watchdog.class.getResourceAsStream("/" + watchdogClassFile())) {
            if (in == null) {
                throw new IOException("the class file of " + Watchdog.class.getName() + " is not readable");
            }
            return in.readAllBytes();
        }
    }

    private static String mainClass(Path appJar) throws IOException {
        try (JarFile jar = new JarFile(appJar.toFile())) {
            Manifest manifest = jar.getManifest();
            String main = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
            if (main == null || main.isBlank()) {
                throw new IOException(appJar + " names no Main-Class");
            }
            return main;
        }
    }

    private static String key(EmbeddedRuntimeSettings settings, JavaRelease release) throws IOException {
        Path jar = settings.sutJar().toRealPath();
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(jar.toString(), Long.toString(Files.size(jar)),
                    Long.toString(Files.getLastModifiedTime(jar).toMillis()), release.home().toString(),
                    release.version(), String.join(" ", settings.nodeJvmOptions()))) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            digest.update(watchdogBytes());
            return "jdk" + release.feature() + "-" + HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", impossible);
        }
    }

    private static void reportOnce(Path subject, String message) {
        if (REPORTED.add(subject)) {
            LOG.info("{}", message);
        }
    }

    /** The files of one key's folder. */
    private record Layout(Path folder, boolean aotCache) {

        Path app() {
            return folder.resolve("app");
        }

        Path appJar() {
            return app().resolve("system-under-test.jar");
        }

        Path watchdogJar() {
            return folder.resolve("watchdog.jar");
        }

        Path archive() {
            return folder.resolve(aotCache ? "node.aot" : "node.jsa");
        }

        Path trainingLog() {
            return folder.resolve("training.log");
        }

        Path ready() {
            return folder.resolve("READY");
        }

        Path failed() {
            return folder.resolve("FAILED");
        }

        List<Path> classpath() {
            return List.of(appJar(), watchdogJar());
        }

        List<String> trainingOptions() {
            return List.of(aotCache ? "-XX:AOTCacheOutput=" + archive() : "-XX:ArchiveClassesAtExit=" + archive());
        }

        /** The archive, mapped if the JVM accepts it and silently skipped if not (the key keeps it current). */
        List<String> useOptions() {
            return aotCache
                    ? List.of("-XX:AOTCache=" + archive(), "-Xlog:aot=off", "-Xlog:cds=off")
                    : List.of("-XX:SharedArchiveFile=" + archive(), "-Xshare:auto", "-Xlog:cds=off");
        }
    }
}
