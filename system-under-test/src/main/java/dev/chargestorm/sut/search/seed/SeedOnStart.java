package dev.chargestorm.sut.search.seed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import dev.chargestorm.sut.charging.IdTagService;
import dev.chargestorm.sut.charging.IdTagService.IdTag;
import dev.chargestorm.sut.ocpp.message.CoreEnums.AuthorizationStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code --chargestorm.seed.spots=N}: seeds an empty database with {@link SpotDataset} before the
 * node opens its port, so a node started this way serves searches from its first request.
 */
@Component
class SeedOnStart implements SmartInitializingSingleton {

	static final int BATCH = 2_000;

	private static final Logger logger = LoggerFactory.getLogger(SeedOnStart.class);

	private final SeedProperties properties;

	private final SpotWriter writer;

	private final IdTagService idTags;

	private final JdbcTemplate jdbc;

	SeedOnStart(SeedProperties properties, SpotWriter writer, IdTagService idTags, JdbcTemplate jdbc) {
		this.properties = properties;
		this.writer = writer;
		this.idTags = idTags;
		this.jdbc = jdbc;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.properties.spots() == 0) {
			return;
		}
		Integer existing = this.jdbc.queryForObject("SELECT count(*) FROM spot", Integer.class);
		if (existing != null && existing > 0) {
			logger.info("Not seeding: the database already has {} spots", existing);
			return;
		}
		long started = System.nanoTime();
		SpotDataset dataset = new SpotDataset(this.properties.seed(), this.properties.spots());
		List<SeedSpot> batch = new ArrayList<>(BATCH);
		int spots = 0;
		int chargePoints = 0;
		for (SeedSpot spot : dataset) {
			batch.add(spot);
			if (batch.size() == BATCH) {
				chargePoints += this.writer.upsert(batch).chargePoints();
				spots += batch.size();
				batch.clear();
				logger.info("Seeding: {} of {} spots", spots, dataset.size());
			}
		}
		if (!batch.isEmpty()) {
			chargePoints += this.writer.upsert(batch).chargePoints();
			spots += batch.size();
		}
		int tags = this.properties.idTagCount();
		this.idTags.provision(IntStream.rangeClosed(1, tags)
			.mapToObj((i) -> new IdTag(SpotDataset.idTag(i), AuthorizationStatus.Accepted, (Instant) null, null))
			.toList());
		logger.info("Seeded {} spots, {} charge points (CP-000001...), {} id tags (seed {}) in {} ms", spots,
				chargePoints, tags, this.properties.seed(), (System.nanoTime() - started) / 1_000_000);
	}

}
