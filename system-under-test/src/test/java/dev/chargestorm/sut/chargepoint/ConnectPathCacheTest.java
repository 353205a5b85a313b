package dev.chargestorm.sut.chargepoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The cheap connect path's caches: a reload replaces their content in one go, a failed reload
 * keeps serving what was loaded until the stale limit, and keys not loaded yet are looked up one
 * by one.
 */
class ConnectPathCacheTest {

	private static final ConnectPathProperties CHEAP = new ConnectPathProperties(true, Duration.ofSeconds(1),
			Duration.ofSeconds(60), Duration.ofMinutes(10));

	private final AtomicLong nanos = new AtomicLong();

	private final List<String> lookups = new ArrayList<>();

	private final ConnectPathCache<String> cache = new ConnectPathCache<>("things", 100, CHEAP, this.nanos::get);

	@Test
	void aReloadedKeyIsServedWithoutALookup() {
		this.cache.reload(() -> Map.of("a", "loaded a", "b", "loaded b"));

		assertThat(this.cache.get("a", this::lookUp)).isEqualTo("loaded a");
		assertThat(this.cache.get("b", this::lookUp)).isEqualTo("loaded b");
		assertThat(this.lookups).isEmpty();
	}

	@Test
	void aKeyNotLoadedIsLookedUpOnceAndAnAbsentOneEveryTime() {
		this.cache.reload(Map::of);

		assertThat(this.cache.get("c", this::lookUp)).isEqualTo("looked-up c");
		assertThat(this.cache.get("c", this::lookUp)).isEqualTo("looked-up c");
		assertThat(this.cache.get("absent", this::lookUp)).isNull();
		assertThat(this.cache.get("absent", this::lookUp)).isNull();
		assertThat(this.lookups).containsExactly("c", "absent", "absent");
	}

	@Test
	void aReloadDropsWhatIsNoLongerThereAndUpdatesTheRest() {
		this.cache.reload(() -> Map.of("a", "old a", "gone", "old gone"));

		this.cache.reload(() -> Map.of("a", "new a"));

		assertThat(this.cache.get("a", this::lookUp)).isEqualTo("new a");
		assertThat(this.cache.get("gone", this::lookUp)).isEqualTo("looked-up gone");
	}

	@Test
	void whileReloadsFailTheEntriesAreServedUntilTheStaleLimit() {
		this.cache.reload(() -> Map.of("a", "loaded a"));
		advance(Duration.ofMinutes(9));

		this.cache.reload(() -> {
			throw new DataAccessResourceFailureException("connection refused");
		});

		assertThat(this.cache.get("a", this::lookUp)).isEqualTo("loaded a");
		advance(Duration.ofMinutes(2));
		assertThat(this.cache.get("a", this::lookUp)).isEqualTo("looked-up a");
		assertThat(this.lookups).containsExactly("a");
	}

	@Test
	void anInvalidatedKeyIsLookedUpAgain() {
		this.cache.reload(() -> Map.of("a", "loaded a"));

		this.cache.invalidate("a");

		assertThat(this.cache.get("a", this::lookUp)).isEqualTo("looked-up a");
	}

	@Test
	void theNaiveConnectPathHasNoCache() {
		assertThat(ConnectPathCache.forConnectPath("things", 100, new ConnectPathProperties(false,
				Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofMinutes(10)))).isNull();
	}

	@Test
	void aStaleLimitNoLongerThanTheReloadIntervalIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ConnectPathProperties(true, Duration.ofSeconds(1), Duration.ofSeconds(60),
					Duration.ofSeconds(60)))
			.withMessage("chargestorm.connect-path.cache-stale-limit (PT1M) must be longer than "
					+ "chargestorm.connect-path.cache-ttl (PT1M), or cached entries expire before they are reloaded");
	}

	private String lookUp(String key) {
		this.lookups.add(key);
		return "absent".equals(key) ? null : "looked-up " + key;
	}

	private void advance(Duration duration) {
		this.nanos.addAndGet(TimeUnit.NANOSECONDS.convert(duration));
	}

}
