package dev.chargestorm.toxiproxy.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI takes the real server's single-dash flags. */
class ToxiproxyCommandTest {

    @AutoClose("shutdownNow")
    final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

    @Test
    void versionFlagPrintsTheVersionAndExits() {
        StringWriter out = new StringWriter();
        ToxiproxyCommand command = new ToxiproxyCommand(new PrintWriter(out, true), new PrintWriter(out, true));

        int exit = ToxiproxyCommand.commandLine(command).execute("-version");

        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("toxiproxy-server version 2.12.0");
    }

    @Test
    void runsWithHostPortSeedAndConfigUntilStopped(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "[{\"name\":\"from-config\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"x:1\"}]");
        StringWriter out = new StringWriter();
        ToxiproxyCommand command = new ToxiproxyCommand(new PrintWriter(out, true), new PrintWriter(out, true));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> ToxiproxyCommand.commandLine(command)
                .execute("-host=127.0.0.1", "-port", "0", "-seed", "5", "-proxy-metrics", "-config", config.toString()),
                background);
        try {
            Pattern listening = Pattern.compile("listening on (http://\\S+) \\(seed 5\\)");
            Matcher started = await().atMost(Duration.ofSeconds(10))
                    .until(() -> listening.matcher(out.toString()), Matcher::find);
            URI api = URI.create(started.group(1));

            HttpResponse<String> proxies = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(api.resolve("/proxies")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(proxies.body()).contains("\"from-config\"");
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(api.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
        } finally {
            command.requestStop();
        }
        assertThat(run.get(10, TimeUnit.SECONDS)).isZero();
    }

    @Test
    void aTakenPortExitsWith1AndSaysWhatToDo() {
        try (dev.chargestorm.toxiproxy.EmbeddedToxiproxy running = dev.chargestorm.toxiproxy.EmbeddedToxiproxy.start()) {
            StringWriter out = new StringWriter();
            ToxiproxyCommand command = new ToxiproxyCommand(new PrintWriter(out, true), new PrintWriter(out, true));

            int exit = ToxiproxyCommand.commandLine(command).execute("-host", "127.0.0.1", "-port",
                    Integer.toString(running.port()));

            assertThat(exit).isEqualTo(1);
            assertThat(out.toString()).contains("cannot listen for the Toxiproxy API on 127.0.0.1:" + running.port(),
                    "pick another -port");
        }
    }

    @Test
    void aBadConfigIsLoggedAndTheServerStillStarts(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("bad.json");
        Files.writeString(config, "{not json");
        StringWriter out = new StringWriter();
        ToxiproxyCommand command = new ToxiproxyCommand(new PrintWriter(out, true), new PrintWriter(out, true));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> ToxiproxyCommand.commandLine(command)
                .execute("-host", "127.0.0.1", "-port", "0", "-config", config.toString()), background);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> out.toString().contains("listening on"));
        } finally {
            command.requestStop();
        }
        assertThat(run.get(10, TimeUnit.SECONDS)).isZero();
    }
}
