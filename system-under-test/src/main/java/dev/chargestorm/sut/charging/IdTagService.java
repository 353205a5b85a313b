package dev.chargestorm.sut.charging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chargestorm.sut.chargepoint.ConnectPathProperties;
import dev.chargestorm.sut.ocpp.message.CentralSystemConfirmations.IdTagInfo;
import dev.chargestorm.sut.ocpp.message.CoreEnums.AuthorizationStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Id tags (RFID cards, app tokens): authorisation with status and expiry, from a cache when the
 * connect path is cheap.
 */
@Service
public class IdTagService {

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final Clock clock;

	private final AuthorizationStatus unknownIdTagStatus;

	private final @Nullable Cache<String, Optional<IdTag>> cache;

	IdTagService(JdbcClient jdbc, JdbcTemplate jdbcTemplate, Clock clock, IdTagProperties properties,
			ConnectPathProperties connectPath) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.clock = clock;
		this.unknownIdTagStatus = properties.unknownStatus();
		this.cache = connectPath.cheap()
				? Caffeine.newBuilder().maximumSize(500_000).expireAfterWrite(connectPath.cacheTtl()).build() : null;
	}

	/**
	 * Authorises an id tag.
	 * @param idTag the tag presented
	 * @return its status now (Expired once its expiry date has passed)
	 */
	public IdTagInfo authorize(String idTag) {
		Optional<IdTag> found = (this.cache != null) ? this.cache.get(idTag, this::load) : load(idTag);
		if (found.isEmpty()) {
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
		return this.jdbc.sql("SELECT id_tag, status, expiry_date, parent_id_tag FROM id_tag WHERE id_tag = ?")
			.param(idTag)
			.query((rs, row) -> new IdTag(rs.getString(1), AuthorizationStatus.valueOf(rs.getString(2)),
					Optional.ofNullable(rs.getTimestamp(3)).map(Timestamp::toInstant).orElse(null), rs.getString(4)))
			.optional();
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
