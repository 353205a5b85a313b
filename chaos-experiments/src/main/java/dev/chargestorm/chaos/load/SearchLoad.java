package dev.chargestorm.chaos.load;

import dev.chargestorm.steadystate.sli.EventCounter;
import dev.chargestorm.steadystate.sli.InProcessSource;
import dev.chargestorm.steadystate.sli.LatencyRecorder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.apiguardian.api.API;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open-loop search load: request {@code i} is due at {@code start + i / rate} whatever earlier requests did, and its
 * latency is measured from that intended time, not from when it was actually sent. A stalled platform (or a stalled
 * harness) therefore shows up as latency instead of hiding as fewer requests (coordinated omission).
 *
 * <p>Every completed request is recorded in the steady-state recorders the platform SLOs read: timer
 * {@value #TIMER}, counter {@value #REQUESTS}, and counter {@value #ERRORS} for requests without a 2xx answer
 * (transport error, timeout, or refused because {@code maxInFlight} requests were open). The load stops after
 * {@code maxRequests} requests or {@code maxDuration}, on {@link #stop()} or {@link #close()}.
 */
@API(status = API.Status.EXPERIMENTAL)
public final class SearchLoad implements AutoCloseable {

    /** Steady-state timer: latency of each search from its intended send time. */
    public static final String TIMER = "search.request";
    /** Steady-state counter: completed searches. */
    public static final String REQUESTS = "search.requests";
    /** Steady-state counter: failed searches. */
    public static final String ERRORS = "search.errors";

    private static final Logger LOG = LoggerFactory.getLogger(SearchLoad.class);
    private static final double[][] CITIES = {
            {35.68, 139.77}, {34.69, 135.50}, {35.18, 136.91}, {43.06, 141.35}, {33.59, 130.40},
            {38.27, 140.87}, {34.39, 132.46}, {35.01, 135.77}, {34.69, 135.19}, {26.21, 127.68}};

    private final SearchLoadSettings settings;
    private final LatencyRecorder timer;
    private final EventCounter requests;
    private final EventCounter errors;
    private final ConcurrentHistogram histogram = new ConcurrentHistogram(TimeUnit.HOURS.toMicros(1), 3);
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CompletableFuture<Void> pacerDone = new CompletableFuture<>();
    private final CompletableFuture<SearchLoadSummary> done = new CompletableFuture<>();
    private final ExecutorService httpExecutor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "search-load-http");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client;
    private final Thread pacer;

    private SearchLoad(SearchLoadSettings settings, InProcessSource recorders) {
        this.settings = settings;
        this.timer = recorders.timer(TIMER);
        this.requests = recorders.counter(REQUESTS);
        this.errors = recorders.counter(ERRORS);
        this.client = HttpClient.newBuilder().executor(httpExecutor).connectTimeout(settings.requestTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
        this.pacer = new Thread(this::pace, "search-load-pacer");
        this.pacer.setDaemon(true);
    }

    /** Starts the load now; it runs on its own threads until a bound is reached or it is stopped. */
    public static SearchLoad start(SearchLoadSettings settings, InProcessSource recorders) {
        SearchLoad load = new SearchLoad(settings, recorders);
        load.pacer.start();
        LOG.info("search load started: {}/s against {} (at most {} requests, {})", settings.ratePerSecond(),
                settings.endpoints(), settings.maxRequests(), settings.maxDuration());
        return load;
    }

    private void pace() {
        SplittableRandom random = new SplittableRandom(settings.seed());
        List<URI> endpoints = settings.endpoints();
        long start = System.nanoTime();
        long deadline = start + settings.maxDuration().toNanos();
        double intervalNanos = 1e9 / settings.ratePerSecond();
        try {
            for (long i = 0; i < settings.maxRequests() && !stopped.get(); i++) {
                long intended = start + (long) (i * intervalNanos);
                if (intended - deadline > 0) {
                    break;
                }
                long wait;
                while ((wait = intended - System.nanoTime()) > 0 && !stopped.get()) {
                    LockSupport.parkNanos(this, wait);
                }
                if (stopped.get()) {
                    break;
                }
                send(endpoints.get((int) (i % endpoints.size())), random, intended);
            }
        } catch (RuntimeException e) {
            LOG.warn("search load pacer failed", e);
        } finally {
            pacerDone.complete(null);
            completeIfIdle();
        }
    }

    private void send(URI endpoint, SplittableRandom random, long intended) {
        double[] city = CITIES[random.nextInt(CITIES.length)];
        String query = String.format(Locale.ROOT, "/api/spots?lat=%.4f&lng=%.4f&radiusKm=%d&limit=20",
                city[0] + random.nextDouble(-0.2, 0.2), city[1] + random.nextDouble(-0.2, 0.2),
                1 + random.nextInt(20));
        if (inFlight.incrementAndGet() > settings.maxInFlight()) {
            finished(intended, false);
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(query)).timeout(settings.requestTimeout())
                .GET().build();
        try {
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> finished(intended,
                            error == null && response.statusCode() / 100 == 2));
        } catch (RuntimeException e) {
            finished(intended, false);
        }
    }

    private void finished(long intended, boolean ok) {
        long nanos = Math.max(0, System.nanoTime() - intended);
        timer.recordNanos(nanos);
        requests.increment();
        histogram.recordValue(Math.min(histogram.getHighestTrackableValue(), TimeUnit.NANOSECONDS.toMicros(nanos)));
        completed.incrementAndGet();
        if (!ok) {
            errors.increment();
            failed.incrementAndGet();
        }
        inFlight.decrementAndGet();
        completeIfIdle();
    }

    private void completeIfIdle() {
        if (pacerDone.isDone() && inFlight.get() == 0) {
            done.complete(summary());
        }
    }

    /** The numbers so far. */
    public SearchLoadSummary summary() {
        return new SearchLoadSummary(completed.get(), failed.get(),
                Duration.ofNanos(TimeUnit.MICROSECONDS.toNanos(histogram.getValueAtPercentile(50))),
                Duration.ofNanos(TimeUnit.MICROSECONDS.toNanos(histogram.getValueAtPercentile(99))),
                Duration.ofNanos(TimeUnit.MICROSECONDS.toNanos(histogram.getMaxValue())));
    }

    /** Completes when a bound was reached (or the load was stopped) and every request has ended. */
    public CompletableFuture<SearchLoadSummary> done() {
        return done;
    }

    /** Sends no more requests; those in flight still complete (or time out). */
    public void stop() {
        stopped.set(true);
        LockSupport.unpark(pacer);
    }

    /** Stops, waits for the requests in flight (at most the request timeout and 5 s), and frees the HTTP client. */
    @Override
    public void close() {
        stop();
        try {
            done.get(settings.requestTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("search load: {} requests still in flight at close", inFlight.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("search load ended with an error", e);
        } finally {
            client.shutdownNow();
            httpExecutor.shutdownNow();
            LOG.info("search load stopped: {}", summary());
        }
    }
}
