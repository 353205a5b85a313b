package dev.chargestorm.toxiproxy.toxic;

import org.apiguardian.api.API;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;

/**
 * What the stages of one link share: the event loop that runs them (all calls happen on it), and the link's random
 * source (toxicity rolls, jitter, slicer variation), seeded per link so that a server seed makes them reproducible.
 */
@API(status = API.Status.INTERNAL)
public record StageContext(ScheduledExecutorService executor, RandomGenerator random) {
}
