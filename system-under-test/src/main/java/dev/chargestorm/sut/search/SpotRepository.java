package dev.chargestorm.sut.search;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Reads spots with their connectors and each connector's latest status, in one SQL statement per
 * call: the nearest spots come from a k-nearest-neighbour scan of the GiST index on
 * {@code ll_to_earth(lat, lng)}, limited to the radius by {@code earth_box}, and their connectors
 * are aggregated to JSON in the same statement (no N+1, no history table). The index scan can
 * order by distance only, so it fetches one page {@code WITH TIES} (every spot as far as the
 * last one, which are spots at the same place) and the page is then ordered by (distance, id): the
 * keyset the cursors continue from.
 */
final class SpotRepository {

	/** The connectors of spot {@code s}, as a JSON array, with the latest status of each. */
	private static final String CONNECTORS_JSON = """
			COALESCE((SELECT json_agg(json_build_object('chargePointId', k.charge_point_id,
			        'connectorId', k.connector_id, 'type', k.type, 'powerKw', k.power_kw,
			        'status', %s,
			        'statusUpdatedAt', to_char(cs.status_timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
			        ORDER BY k.charge_point_id, k.connector_id)
			    FROM charge_point cp
			    JOIN connector k ON k.charge_point_id = cp.id
			    LEFT JOIN connector_status cs ON cs.charge_point_id = k.charge_point_id AND cs.connector_id = k.connector_id
			    WHERE cp.spot_id = s.id), '[]')""".formatted(StatusFilter.SQL_STATUS);

	private static final String BY_ID = """
			SELECT s.id, s.name, s.address, s.lat, s.lng, %s AS connectors
			FROM spot s WHERE s.id = :id
			""".formatted(CONNECTORS_JSON);

	private final NamedParameterJdbcTemplate jdbc;

	SpotRepository(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param query the search
	 * @return one page of spots, nearest first, and the cursor of the next page if there is one
	 */
	SpotPage search(SpotQuery query) {
		Statement statement = statement(query);
		String sql = statement.sql();
		MapSqlParameterSource parameters = statement.parameters();
		List<Row> rows = this.jdbc.query(sql, parameters,
				(rs, row) -> new Row(new SpotView(rs.getString("id"), rs.getString("name"), rs.getString("address"),
						rs.getDouble("lat"), rs.getDouble("lng"), Math.round(rs.getDouble("distance")),
						rs.getString("connectors")), rs.getDouble("key")));
		List<SpotView> spots = new ArrayList<>(Math.min(rows.size(), query.limit()));
		for (int i = 0; i < Math.min(rows.size(), query.limit()); i++) {
			spots.add(rows.get(i).spot());
		}
		String next = null;
		if (rows.size() > query.limit()) {
			Row last = rows.get(query.limit() - 1);
			next = new Cursor(query.fingerprint(), last.key(), last.spot().id()).encode();
		}
		return new SpotPage(spots, next);
	}

	/**
	 * @param query the search
	 * @return the one SQL statement that answers it, with its parameters
	 */
	static Statement statement(SpotQuery query) {
		MapSqlParameterSource parameters = new MapSqlParameterSource().addValue("lat", query.lat())
			.addValue("lng", query.lng())
			.addValue("radius", query.radiusKm() * 1000)
			.addValue("limit", query.limit() + 1);
		StringBuilder where = new StringBuilder();
		if (query.cursor() != null) {
			where.append("\n      AND (ll_to_earth(s.lat, s.lng) <-> ll_to_earth(:lat, :lng) > :afterKey"
					+ " OR (ll_to_earth(s.lat, s.lng) <-> ll_to_earth(:lat, :lng) = :afterKey AND s.id > :afterId))");
			parameters.addValue("afterKey", query.cursor().distanceKey()).addValue("afterId", query.cursor().spotId());
		}
		if (query.status() != StatusFilter.ANY || query.connectorType() != null || query.minPowerKw() != null) {
			where.append("""

					      AND EXISTS (SELECT 1 FROM charge_point cp
					          JOIN connector k ON k.charge_point_id = cp.id
					          LEFT JOIN connector_status cs ON cs.charge_point_id = k.charge_point_id
					              AND cs.connector_id = k.connector_id
					          WHERE cp.spot_id = s.id AND\s""").append(query.status().sqlCondition());
			if (query.connectorType() != null) {
				where.append(" AND k.type = :type");
				parameters.addValue("type", query.connectorType().name());
			}
			if (query.minPowerKw() != null) {
				where.append(" AND k.power_kw >= :minPower");
				parameters.addValue("minPower", query.minPowerKw());
			}
			where.append(")");
		}
		String sql = """
				SELECT s.id, s.name, s.address, s.lat, s.lng, s.key,
				    earth_distance(ll_to_earth(s.lat, s.lng), ll_to_earth(:lat, :lng)) AS distance, %s AS connectors
				FROM (SELECT s.id, s.name, s.address, s.lat, s.lng,
				          ll_to_earth(s.lat, s.lng) <-> ll_to_earth(:lat, :lng) AS key
				      FROM spot s
				      WHERE earth_box(ll_to_earth(:lat, :lng), :radius) @> ll_to_earth(s.lat, s.lng)
				      AND earth_distance(ll_to_earth(s.lat, s.lng), ll_to_earth(:lat, :lng)) <= :radius%s
				      ORDER BY key
				      FETCH FIRST (:limit) ROWS WITH TIES) s
				ORDER BY s.key, s.id
				LIMIT :limit
				""".formatted(CONNECTORS_JSON, where);
		return new Statement(sql, parameters);
	}

	/**
	 * @param id a spot id
	 * @return the spot, or null when there is none
	 */
	@Nullable SpotView find(String id) {
		List<SpotView> spots = this.jdbc.query(BY_ID, new MapSqlParameterSource("id", id),
				(rs, row) -> new SpotView(rs.getString("id"), rs.getString("name"), rs.getString("address"),
						rs.getDouble("lat"), rs.getDouble("lng"), null, rs.getString("connectors")));
		return spots.isEmpty() ? null : spots.get(0);
	}

	private record Row(SpotView spot, double key) {
	}

	/**
	 * A statement with named parameters.
	 * @param sql the SQL
	 * @param parameters its parameters
	 */
	record Statement(String sql, MapSqlParameterSource parameters) {
	}

	/**
	 * A page of search results.
	 * @param spots nearest first
	 * @param nextCursor the cursor of the next page, or null on the last page
	 */
	record SpotPage(List<SpotView> spots, @Nullable String nextCursor) {
	}

	/**
	 * A spot as the API shows it.
	 * @param id spot id
	 * @param name display name
	 * @param address postal address
	 * @param lat latitude
	 * @param lng longitude
	 * @param distanceMeters great-circle distance from the searcher (searches only)
	 * @param connectors JSON array of the connectors, as the database built it
	 */
	record SpotView(String id, String name, String address, double lat, double lng,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long distanceMeters,
			@JsonRawValue String connectors) {
	}

}
