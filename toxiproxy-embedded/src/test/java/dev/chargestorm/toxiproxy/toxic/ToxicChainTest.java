package dev.chargestorm.toxiproxy.toxic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The per-link pipeline on a real event loop, without sockets: what each stage holds, flushes and closes, and when
 * toxicity is re-rolled (spec section 5).
 */
class ToxicChainTest {

    private final EventLoop loop = new DefaultEventLoop();
    private final Recorder sink = new Recorder();
    private final AtomicInteger ids = new AtomicInteger();

    @AfterEach
    void stopLoop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void removingALatencyToxicSendsWhatItHoldsAtOnceInOrder() throws Exception {
        Toxic latency = toxic(new ToxicSettings.Latency(Duration.ofSeconds(10), Duration.ZERO), 1f);
        ToxicChain chain = onLoop(() -> new ToxicChain(List.of(latency), context(new java.util.SplittableRandom(1)), sink));

        onLoop(() -> {
            chain.onChunk(chunk("one"));
            chain.onChunk(chunk("two"));
            return null;
        });
        assertThat(sink.text()).isEmpty();
        onLoop(() -> {
            chain.remove(latency.id());
            return null;
        });

        assertThat(sink.text()).isEqualTo("onetwo");
    }

    @Test
    void rateZeroBandwidthHoldsEverythingUntilRemoved() throws Exception {
        Toxic cut = toxic(new ToxicSettings.Bandwidth(new ByteRate(0)), 1f);
        ToxicChain chain = onLoop(() -> new ToxicChain(List.of(cut), context(new java.util.SplittableRandom(1)), sink));

        onLoop(() -> {
            chain.onChunk(chunk("a"));
            chain.onChunk(chunk("b"));
            chain.onEof();
            return chain.bufferedBytes();
        });
        assertThat(sink.text()).isEmpty();
        assertThat(sink.eof).isFalse();

        onLoop(() -> {
            chain.remove(cut.id());
            return null;
        });

        assertThat(sink.text()).isEqualTo("ab");
        assertThat(sink.eof).isTrue();
    }

    @Test
    void removingATimeoutClosesTheLinkEvenWhenItsRollFailed() throws Exception {
        Toxic timeout = toxic(new ToxicSettings.Timeout(Duration.ZERO), 0f);
        ToxicChain chain = onLoop(() -> new ToxicChain(List.of(timeout), context(new java.util.SplittableRandom(1)),
                sink));
        onLoop(() -> {
            chain.onChunk(chunk("passes"));
            return null;
        });
        assertThat(sink.text()).isEqualTo("passes");

        onLoop(() -> {
            chain.remove(timeout.id());
            return null;
        });

        assertThat(sink.eof).isTrue();
    }

    @Test
    void slowCloseRemovalClosesAtOnceAndTimeoutIsAnIdleTimer() throws Exception {
        Toxic slowClose = toxic(new ToxicSettings.SlowClose(Duration.ofSeconds(30)), 1f);
        ToxicChain chain = onLoop(() -> new ToxicChain(List.of(slowClose), context(new java.util.SplittableRandom(1)),
                sink));
        onLoop(() -> {
            chain.onChunk(chunk("data"));
            chain.onEof();
            return null;
        });
        assertThat(sink.text()).isEqualTo("data");
        assertThat(sink.eof).isFalse();

        onLoop(() -> {
            chain.remove(slowClose.id());
            return null;
        });

        assertThat(sink.eof).isTrue();
    }

    @Test
    void limitDataKeepsItsCountAcrossUpdates() throws Exception {
        Toxic limit = toxic(new ToxicSettings.LimitData(6), 1f);
        ToxicChain chain = onLoop(() -> new ToxicChain(List.of(limit), context(new java.util.SplittableRandom(1)), sink));

        onLoop(() -> {
            chain.onChunk(chunk("abcd"));
            chain.update(limit.withUpdate(1f, new ToxicSettings.LimitData(6)));
            chain.onChunk(chunk("efgh"));
            return null;
        });

        assertThat(sink.text()).isEqualTo("abcdef");
        assertThat(sink.eof).isTrue();
    }

    @Test
    void slicerSplitsIntoAverageSizedPieces() throws Exception {
        Toxic slicer = toxic(new ToxicSettings.Slicer(1, 0, Duration.ZERO), 1f);
        ToxicChain chain = onLoop(() -> new ToxicChain(List.of(slicer), context(new java.util.SplittableRandom(1)),
                sink));
        onLoop(() -> {
            chain.onChunk(chunk("abcdefghijklmnopqrstuvwx"));
            return null;
        });
        assertThat(sink.pieces).hasSize(24);

        Recorder varied = new Recorder();
        Toxic variation = toxic(new ToxicSettings.Slicer(1024, 512, Duration.of(0, ChronoUnit.MICROS)), 1f);
        ToxicChain big = onLoop(() -> new ToxicChain(List.of(variation), context(new java.util.SplittableRandom(3)),
                varied));
        onLoop(() -> {
            big.onChunk(new Chunk(Unpooled.wrappedBuffer(new byte[480 * 1024]), System.nanoTime()));
            return null;
        });
        assertThat(varied.pieces).hasSizeBetween(240, 720);
        assertThat(varied.pieces.stream().mapToInt(String::length).sum()).isEqualTo(480 * 1024);
    }

    @Test
    void toxicityIsReRolledWhenAToxicIsAddedAfterIt() throws Exception {
        // draws: limit_data's first roll (0.9: not applied), the noop's roll, limit_data's re-roll (0.1: applied)
        Scripted random = new Scripted(0.9f, 0.0f, 0.1f);
        Toxic limit = toxic(new ToxicSettings.LimitData(0), 0.5f);
        ToxicChain chain = onLoop(() -> new ToxicChain(List.of(limit), context(random), sink));
        onLoop(() -> {
            chain.onChunk(chunk("passes"));
            return null;
        });
        assertThat(sink.text()).isEqualTo("passes");

        onLoop(() -> {
            chain.add(toxic(new ToxicSettings.Noop(), 1f));
            chain.onChunk(chunk("cut"));
            return null;
        });

        assertThat(random.used).isEqualTo(3);
        assertThat(sink.text()).isEqualTo("passes");
        assertThat(sink.eof).isTrue();
    }

    @Test
    void toxicityIsReRolledWhenItsSuccessorIsRemoved() throws Exception {
        // draws: limit_data 0.9 (no), noop, limit_data re-roll on add 0.9 (no), re-roll on removal 0.1 (yes)
        Scripted random = new Scripted(0.9f, 0.0f, 0.9f, 0.1f);
        Toxic limit = toxic(new ToxicSettings.LimitData(0), 0.5f);
        Toxic noop = toxic(new ToxicSettings.Noop(), 1f);
        ToxicChain chain = onLoop(() -> new ToxicChain(List.of(limit), context(random), sink));
        onLoop(() -> {
            chain.add(noop);
            chain.onChunk(chunk("passes"));
            return null;
        });
        assertThat(sink.text()).isEqualTo("passes");

        onLoop(() -> {
            chain.remove(noop.id());
            chain.onChunk(chunk("cut"));
            return null;
        });

        assertThat(random.used).isEqualTo(4);
        assertThat(sink.text()).isEqualTo("passes");
        assertThat(sink.eof).isTrue();
    }

    @Test
    void toxicityIsReRolledWhenTheToxicIsUpdated() throws Exception {
        // draws: first roll 0.9 (not applied), re-roll on update 0.1 (applied)
        Scripted random = new Scripted(0.9f, 0.1f);
        Toxic limit = toxic(new ToxicSettings.LimitData(0), 0.5f);
        ToxicChain chain = onLoop(() -> new ToxicChain(List.of(limit), context(random), sink));
        onLoop(() -> {
            chain.onChunk(chunk("passes"));
            chain.update(limit.withUpdate(0.5f, new ToxicSettings.LimitData(0)));
            chain.onChunk(chunk("cut"));
            return null;
        });

        assertThat(random.used).isEqualTo(2);
        assertThat(sink.text()).isEqualTo("passes");
        assertThat(sink.eof).isTrue();
    }

    @Test
    void latencyPipelinesChunksInsteadOfDelayingThemOneAfterAnother() throws Exception {
        Toxic latency = toxic(new ToxicSettings.Latency(Duration.ofMillis(200), Duration.ZERO), 1f);
        ToxicChain chain = onLoop(() -> new ToxicChain(List.of(latency), context(new java.util.SplittableRandom(1)),
                sink));
        long start = System.nanoTime();

        onLoop(() -> {
            for (int i = 0; i < 10; i++) {
                chain.onChunk(chunk("c" + i));
            }
            return null;
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> sink.pieces.size() == 10);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("10 chunks through 200 ms of latency")
                .isBetween(Duration.ofMillis(190), Duration.ofMillis(3000));
        assertThat(sink.text()).isEqualTo("c0c1c2c3c4c5c6c7c8c9");
    }

    private Toxic toxic(ToxicSettings settings, float toxicity) {
        int id = ids.incrementAndGet();
        return new Toxic(id, "t" + id, "downstream", Direction.DOWNSTREAM, toxicity, settings);
    }

    private StageContext context(RandomGenerator random) {
        return new StageContext(loop, random);
    }

    private <T> T onLoop(Callable<T> action) throws Exception {
        return loop.submit(action).get(5, TimeUnit.SECONDS);
    }

    private static Chunk chunk(String text) {
        return new Chunk(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8), System.nanoTime());
    }

    /** A sink that records what reaches the destination. */
    private static final class Recorder implements Receiver {
        final List<String> pieces = Collections.synchronizedList(new ArrayList<>());
        volatile boolean eof;

        @Override
        public void onChunk(Chunk chunk) {
            pieces.add(chunk.data().toString(StandardCharsets.ISO_8859_1));
            chunk.data().release();
        }

        @Override
        public void onEof() {
            eof = true;
        }

        String text() {
            synchronized (pieces) {
                return String.join("", pieces);
            }
        }
    }

    /** A random source whose floats are scripted, to check exactly when toxicity is rolled. */
    private static final class Scripted implements RandomGenerator {
        private final List<Float> floats;
        int used;

        Scripted(Float... floats) {
            this.floats = Arrays.asList(floats);
        }

        @Override
        public float nextFloat() {
            return floats.get(used++);
        }

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("only toxicity rolls expected");
        }
    }
}
