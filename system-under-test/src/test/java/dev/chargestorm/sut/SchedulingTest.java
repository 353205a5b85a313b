package dev.chargestorm.sut;

import java.time.Duration;

import dev.chargestorm.sut.support.LongLivedCacheIntegrationTest;
import dev.chargestorm.sut.support.SchedulingProbe;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @Scheduled} database work (flushes, cache reloads) runs on Boot's scheduler, not on the
 * OCPP scheduler that times calls and paces drains: a flush waiting for a saturated pool must not
 * hold those up.
 */
class SchedulingTest extends LongLivedCacheIntegrationTest {

	@Autowired
	private SchedulingProbe probe;

	@Test
	void scheduledWorkRunsApartFromTheOcppScheduler() {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.probe.threads().size() >= 1);

		assertThat(this.probe.threads()).allSatisfy((thread) -> assertThat(thread).startsWith("scheduling-"));
	}

}
