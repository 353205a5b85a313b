package dev.chargestorm.sut.charging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

import dev.chargestorm.sut.chargepoint.ConnectPathCache;
import dev.chargestorm.sut.chargepoint.ConnectPathProperties;
import dev.chargestorm.sut.ocpp.message.CentralSystemConfirmations.IdTagInfo;
import dev.chargestorm.sut.ocpp.message.CoreEnums.AuthorizationStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Id tags (RFID cards, app tokens): authorisation with status and expiry, from a cache when the
 * connect path is cheap.
 */
@Service
public class IdTagService {

	private static final String SELECT = "SELECT id_tag, status, expiry_date, parent_id_tag FROM id_tag";

	private static final RowMapper<IdTag> ID_TAG = (rs, row) -> new IdTag(rs.getString(1),
			AuthorizationStatus.valueOf(rs.getString(2)),
			Optional.ofNullable(rs.getTimestamp(3)).map(Timestamp::toInstant).orElse(null), rs.getString(4));

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final Clock clock;

	private final AuthorizationStatus unknownIdTagStatus;

	/** Unknown tags are cached too (as empty), so a driver retrying a bad card costs no query. */
	private final @Nullable ConnectPathCache<Optional<IdTag>> cache;

	IdTagService(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Clock clock, IdTagProperties properties,
			ConnectPathProperties connectPath) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.clock = clock;
		this.unknownIdTagStatus = properties.unknownStatus();
		this.cache = ConnectPathCache.forConnectPath("id tags", 500_000, connectPath);
	}

	/**
	 * Authorises an id tag.
	 * @param idTag the tag presented
	 * @return its status now (Expired once its expiry date has passed)
	 */
	public IdTagInfo authorize(String idTag) {
		Optional<IdTag> found = (this.cache != null) ? this.cache.get(idTag, this::load) : load(idTag);
		if (found == null || found.isEmpty()) {
			return IdTagInfo.of(this.unknownIdTagStatus);
		}
		IdTag tag = found.get();
		AuthorizationStatus status = tag.status();
		if (status == AuthorizationStatus.Accepted && tag.expiryDate() != null
				&& !tag.expiryDate().isAfter(this.clock.instant())) {
			status = AuthorizationStatus.Expired;
		}
		return new IdTagInfo(status, tag.expiryDate(), tag.parentIdTag());
	}

	private Optional<IdTag> load(String idTag) {
		return this.jdbc.sql(SELECT + " WHERE id_tag = ?").param(idTag).query(ID_TAG).optional();
	}

	/** Loads every id tag into the cheap connect path's cache, at start and then every cache TTL. */
	@Scheduled(fixedDelayString = "${chargestorm.connect-path.cache-ttl:60s}")
	void reloadCache() {
		if (this.cache != null) {
			this.cache.reload(this.jdbc, SELECT, ID_TAG, IdTag::idTag, Optional::of);
		}
	}

	/**
	 * Creates or updates id tags in one batch.
	 * @param idTags the tags
	 * @return how many were written
	 */
	public int provision(Collection<IdTag> idTags) {
		this.jdbcTemplate.batchUpdate("""
				INSERT INTO id_tag (id_tag, status, expiry_date, parent_id_tag) VALUES (?, ?, ?, ?)
				ON CONFLICT (id_tag) DO UPDATE SET status = EXCLUDED.status, expiry_date = EXCLUDED.expiry_date,
				    parent_id_tag = EXCLUDED.parent_id_tag
				""", idTags, 1000, (statement, tag) -> {
			statement.setString(1, tag.idTag());
			statement.setString(2, tag.status().name());
			statement.setTimestamp(3, (tag.expiryDate() != null) ? Timestamp.from(tag.expiryDate()) : null);
			statement.setString(4, tag.parentIdTag());
		});
		if (this.cache != null) {
			idTags.forEach((tag) -> this.cache.invalidate(tag.idTag()));
		}
		return idTags.size();
	}

	/**
	 * An id tag.
	 * @param idTag the tag
	 * @param status its status
	 * @param expiryDate when it stops being valid, if ever
	 * @param parentIdTag its group, if any
	 */
	public record IdTag(String idTag, AuthorizationStatus status, @Nullable Instant expiryDate,
			@Nullable String parentIdTag) {
	}

}
