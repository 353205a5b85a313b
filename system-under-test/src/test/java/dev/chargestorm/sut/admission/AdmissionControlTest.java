package dev.chargestorm.sut.admission;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The connect-work bound: a handshake waits for a slot only while few others wait, so a storm
 * cannot park every server thread in admission control.
 */
class AdmissionControlTest {

	private final MeterRegistry meters = new SimpleMeterRegistry();

	/** Handshakes run on their own threads, as on the server's worker threads. */
	private final ExecutorService handshakes = Executors.newCachedThreadPool();

	@AfterEach
	void stopHandshakes() {
		this.handshakes.shutdownNow();
	}

	@Test
	void aHandshakeBeyondTheWaitingBoundIsRefusedAtOnce() {
		// GIVEN one slot, taken, and one handshake already waiting up to a minute for it
		AdmissionControl admission = new AdmissionControl(properties(1, Duration.ofMinutes(1), 1), this.meters);
		assertThat(admission.acquireConnectWork()).isTrue();
		CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(admission::acquireConnectWork, this.handshakes);
		awaitWaiting(1);

		// WHEN another handshake asks: it does not wait the minute
		CompletableFuture<Boolean> another = CompletableFuture.supplyAsync(admission::acquireConnectWork,
				this.handshakes);

		// THEN it is refused (well within the minute) and counted, and the waiting one gets the slot once it is free
		assertThat(another).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(false);
		assertThat(this.meters.get("chargestorm.admission.rejected").tag("reason", "connect_work").counter().count())
			.isEqualTo(1);
		admission.releaseConnectWork();
		assertThat(waiting).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(true);
	}

	@Test
	void aHandshakeWithinTheWaitingBoundWaitsForASlot() {
		AdmissionControl admission = new AdmissionControl(properties(1, Duration.ofMinutes(1), 2), this.meters);
		assertThat(admission.acquireConnectWork()).isTrue();
		CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(admission::acquireConnectWork, this.handshakes);
		awaitWaiting(1);
		CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(admission::acquireConnectWork, this.handshakes);
		awaitWaiting(2);

		admission.releaseConnectWork();
		admission.releaseConnectWork();

		assertThat(first).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(true);
		assertThat(second).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(true);
	}

	@Test
	void aHandshakeThatWaitedTheWholeWaitIsRefused() {
		AdmissionControl admission = new AdmissionControl(properties(1, Duration.ofMillis(50), 16), this.meters);
		assertThat(admission.acquireConnectWork()).isTrue();

		assertThat(admission.acquireConnectWork()).isFalse();
	}

	private void awaitWaiting(int handshakes) {
		await(handshakes + " handshakes waiting").atMost(Duration.ofSeconds(10))
			.until(() -> this.meters.get("chargestorm.admission.waiting").gauge().value() == handshakes);
	}

	private static AdmissionProperties properties(int slots, Duration wait, int maxWaiting) {
		return new AdmissionProperties(true, 200, 400, slots, wait, maxWaiting, Duration.ofSeconds(10));
	}

}
