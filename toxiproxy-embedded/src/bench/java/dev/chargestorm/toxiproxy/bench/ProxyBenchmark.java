package dev.chargestorm.toxiproxy.bench;

import dev.chargestorm.toxiproxy.EmbeddedToxiproxy;
import dev.chargestorm.toxiproxy.ToxiproxySettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * The three performance targets, measured on loopback:
 * <ol>
 * <li>{@code latency}: round trips of 64 bytes, direct vs through a proxy with no toxics (proxy in this JVM);</li>
 * <li>{@code throughput}: 1 GiB one way, direct vs through the proxy (proxy in this JVM);</li>
 * <li>{@code connections N}: N concurrent proxied connections in one server process started from
 * {@code target/toxiproxy-embedded.jar} with {@code -Xmx1g}, then a reconnect storm of N (the echo upstream runs in a
 * third process).</li>
 * </ol>
 * Prints the numbers; run with {@code -Pbench test-compile exec:java -Dbench.args="latency throughput connections 9000"}.
 */
public final class ProxyBenchmark {

    private ProxyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> what = List.of(args.length == 0 ? new String[] {"all"} : args);
        boolean all = what.contains("all");
        printMachine();
        if (all || what.contains("latency")) {
            latency();
        }
        if (all || what.contains("throughput")) {
            throughput();
        }
        if (all || what.contains("connections")) {
            int index = what.indexOf("connections");
            int count = index >= 0 && index + 1 < what.size() ? Integer.parseInt(what.get(index + 1)) : 9000;
            connections(count);
        }
    }

    private static void printMachine() {
        System.out.printf(Locale.ROOT, "machine: %d cpus, java %s (%s), max heap of this JVM %d MiB%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory() >> 20);
    }

    // ---------------------------------------------------------------------------------------------- latency

    private static void latency() throws Exception {
        int warmup = 20_000;
        int measured = 50_000;
        try (EchoServer echo = new EchoServer();
                EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.start(ToxiproxySettings.ephemeral().withSeed(1))) {
            int proxyPort = createProxy(toxiproxy.uri(), "latency", "127.0.0.1:" + echo.port());
            Histogram direct = roundTrips(echo.port(), warmup, measured);
            Histogram proxied = roundTrips(proxyPort, warmup, measured);
            Histogram directAgain = roundTrips(echo.port(), warmup, measured);
            System.out.printf(Locale.ROOT, "latency: %d round trips of 64 bytes on one connection after %d warm-up%n",
                    measured, warmup);
            print("  direct       RTT", direct);
            print("  direct again RTT", directAgain);
            print("  proxied      RTT", proxied);
            for (double p : new double[] {50, 99}) {
                long added = proxied.getValueAtPercentile(p) - direct.getValueAtPercentile(p);
                System.out.printf(Locale.ROOT,
                        "  added by the proxy at p%.0f: %.1f us per round trip = %.1f us per hop (two hops per RTT)%n",
                        p, added / 1000.0, added / 2000.0);
            }
        }
    }

    private static Histogram roundTrips(int port, int warmup, int measured) throws IOException {
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        byte[] message = new byte[64];
        byte[] reply = new byte[64];
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < warmup + measured; i++) {
                long start = System.nanoTime();
                out.write(message);
                int got = 0;
                while (got < reply.length) {
                    int read = in.read(reply, got, reply.length - got);
                    if (read < 0) {
                        throw new IOException("connection closed after " + i + " round trips");
                    }
                    got += read;
                }
                if (i >= warmup) {
                    histogram.recordValue(System.nanoTime() - start);
                }
            }
        }
        return histogram;
    }

    private static void print(String label, Histogram h) {
        System.out.printf(Locale.ROOT, "%s: p50 %.1f us, p90 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us%n", label,
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(90) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getValueAtPercentile(99.9) / 1000.0, h.getMaxValue() / 1000.0);
    }

    // ---------------------------------------------------------------------------------------------- throughput

    private static void throughput() throws Exception {
        long total = 1L << 30;
        try (ServerSocket sink = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                EmbeddedToxiproxy toxiproxy = EmbeddedToxiproxy.start(ToxiproxySettings.ephemeral().withSeed(1))) {
            int proxyPort = createProxy(toxiproxy.uri(), "bulk", "127.0.0.1:" + sink.getLocalPort());
            transfer(sink, sink.getLocalPort(), total / 8); // warm-up
            transfer(sink, proxyPort, total / 8);
            System.out.printf(Locale.ROOT, "throughput: 1 GiB one way, 64 KiB writes, direct and proxied alternated%n");
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= 3; round++) {
                double direct = transfer(sink, sink.getLocalPort(), total);
                double proxied = transfer(sink, proxyPort, total);
                ratios.add(proxied / direct);
                System.out.printf(Locale.ROOT, "  round %d: direct %.0f MiB/s, proxied %.0f MiB/s = %.0f %%%n", round,
                        direct, proxied, 100 * proxied / direct);
            }
            ratios.sort(null);
            System.out.printf(Locale.ROOT, "  median proxied/direct: %.0f %%%n", 100 * ratios.get(1));
        }
    }

    /** Sends {@code bytes} to the sink through {@code port}; returns MiB/s until the sink has read them all. */
    private static double transfer(ServerSocket sink, int port, long bytes) throws Exception {
        CompletableFuture<Long> received = CompletableFuture.supplyAsync(() -> {
            try (Socket socket = sink.accept(); InputStream in = socket.getInputStream()) {
                byte[] buffer = new byte[256 * 1024];
                long count = 0;
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    count += read;
                }
                return count;
            } catch (IOException failed) {
                throw new IllegalStateException(failed);
            }
        }, Executors.newVirtualThreadPerTaskExecutor());
        long start = System.nanoTime();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            byte[] block = new byte[64 * 1024];
            for (long sent = 0; sent < bytes; sent += block.length) {
                out.write(block);
            }
        }
        long count = received.get(120, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (count != bytes) {
            throw new IllegalStateException("sink received " + count + " of " + bytes + " bytes");
        }
        return bytes / seconds / (1 << 20);
    }

    // ---------------------------------------------------------------------------------------------- connections

    private static void connections(int count) throws Exception {
        Path jar = Path.of("target/toxiproxy-embedded.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the CLI jar first: ./mvnw -f toxiproxy-embedded/pom.xml package");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Path echoSource = Path.of("src/bench/java/dev/chargestorm/toxiproxy/bench/EchoServer.java");
        Process echo = new ProcessBuilder(java, "-Xmx512m", echoSource.toString()).redirectErrorStream(true).start();
        Process proxy = new ProcessBuilder(java, "-Xmx1g", "-Xms256m", "-jar", jar.toString(), "-host", "127.0.0.1",
                "-port", "0", "-seed", "1").redirectErrorStream(true).start();
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        List<Socket> clients = new ArrayList<>();
        try {
            int echoPort = Integer.parseInt(awaitLine(echo, Pattern.compile("port (\\d+)")).group(1));
            URI api = URI.create(awaitLine(proxy, Pattern.compile("listening on (http://\\S+)")).group(1));
            drain(proxy, threads);
            int proxyPort = createProxy(api, "fleet", "127.0.0.1:" + echoPort);
            System.out.printf(Locale.ROOT, "connections: %d through one proxy; server process pid %d with -Xmx1g%n",
                    count, proxy.pid());

            Result open = connectAll(proxyPort, count, threads, clients);
            System.out.printf(Locale.ROOT, "  open %d: %d ok, %d failed (%s), %.2f s; proxy process: %s%n", count,
                    open.ok(), open.failed(), open.firstError(), open.seconds(), processFacts(proxy.pid()));

            long closeStart = System.nanoTime();
            List<CompletableFuture<Void>> closing = new ArrayList<>();
            for (Socket socket : clients) {
                closing.add(CompletableFuture.runAsync(() -> closeQuietly(socket), threads));
            }
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            clients.clear();
            Result storm = connectAll(proxyPort, count, threads, clients);
            System.out.printf(Locale.ROOT, "  reconnect storm (all %d closed at once, then reconnected at once): %d ok,"
                    + " %d failed (%s), %.2f s from the first close to the last echo; proxy process: %s%n", count,
                    storm.ok(), storm.failed(), storm.firstError(), (System.nanoTime() - closeStart) / 1e9,
                    processFacts(proxy.pid()));
            System.out.println("  " + heapInfo(java, proxy.pid()));
        } finally {
            for (Socket socket : clients) {
                closeQuietly(socket);
            }
            proxy.destroy();
            echo.destroy();
            proxy.waitFor(15, TimeUnit.SECONDS);
            echo.waitFor(15, TimeUnit.SECONDS);
            threads.shutdownNow();
        }
    }

    private record Result(int ok, int failed, String firstError, double seconds) {
    }

    /** Opens {@code count} connections at once; each sends one byte and waits for its echo (10 s bound). */
    private static Result connectAll(int port, int count, ExecutorService threads, List<Socket> into)
            throws Exception {
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong firstErrorSeen = new AtomicLong();
        String[] firstError = {"none"};
        List<CompletableFuture<Socket>> all = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            all.add(CompletableFuture.supplyAsync(() -> {
                Socket socket = new Socket();
                try {
                    socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
                    socket.setSoTimeout(10_000);
                    socket.getOutputStream().write(42);
                    if (socket.getInputStream().read() != 42) {
                        throw new IOException("no echo (EOF)");
                    }
                    ok.incrementAndGet();
                    return socket;
                } catch (IOException error) {
                    failed.incrementAndGet();
                    if (firstErrorSeen.compareAndSet(0, 1)) {
                        firstError[0] = error.toString();
                    }
                    closeQuietly(socket);
                    return null;
                }
            }, threads));
        }
        for (CompletableFuture<Socket> socket : all) {
            Socket connected = socket.get(120, TimeUnit.SECONDS);
            if (connected != null) {
                into.add(connected);
            }
        }
        return new Result(ok.get(), failed.get(), firstError[0], (System.nanoTime() - start) / 1e9);
    }

    private static String processFacts(long pid) {
        try {
            String rss = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(line -> line.startsWith("VmRSS")).findFirst().orElse("VmRSS: ?").replaceAll("\\s+", " ");
            long fds;
            try (var list = Files.list(Path.of("/proc/" + pid + "/fd"))) {
                fds = list.count();
            }
            return rss + ", open files " + fds;
        } catch (IOException unavailable) {
            return "(no /proc facts: " + unavailable.getMessage() + ")";
        }
    }

    private static String heapInfo(String java, long pid) {
        Path jcmd = Path.of(java).resolveSibling("jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info")
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            return "proxy process heap (jcmd GC.heap_info): " + out.lines().filter(l -> l.contains("total")
                    || l.contains("used")).findFirst().orElse(out.strip()).strip();
        } catch (Exception unavailable) {
            return "no jcmd heap info: " + unavailable;
        }
    }

    private static Matcher awaitLine(Process process, Pattern pattern) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String line;
        while (System.nanoTime() < deadline && (line = reader.readLine()) != null) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher;
            }
        }
        throw new IllegalStateException("child process did not print " + pattern + " within 30 s");
    }

    private static void drain(Process process, ExecutorService threads) {
        threads.execute(() -> {
            try (InputStream in = process.getInputStream()) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException closed) {
                // process ended
            }
        });
    }

    private static int createProxy(URI api, String name, String upstream) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.resolve("/proxies"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"listen\":\"127.0.0.1:0\","
                        + "\"upstream\":\"" + upstream + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("create proxy: " + response.statusCode() + " " + response.body());
        }
        Matcher listen = Pattern.compile("\"listen\":\"[^\"]*:(\\d+)\"").matcher(response.body());
        if (!listen.find()) {
            throw new IllegalStateException("no listen port in " + response.body());
        }
        return Integer.parseInt(listen.group(1));
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
