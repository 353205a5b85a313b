package dev.chargestorm.sut.search.seed;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes spots in bulk, in one transaction per call: upserts the spots, registers (or moves) their
 * charge points, replaces the connectors of those charge points, and records an initial status
 * for connectors that have none yet (the central system's latest-status table, so that a charger
 * that later connects overwrites it with its own StatusNotifications).
 */
@Service
public class SpotWriter {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	SpotWriter(JdbcTemplate jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/**
	 * @param spots the spots to create or update
	 * @return what was written
	 */
	public Written upsert(List<SeedSpot> spots) {
		List<Object[]> spotRows = new ArrayList<>(spots.size());
		List<Object[]> chargePointRows = new ArrayList<>();
		List<Object[]> connectorRows = new ArrayList<>();
		List<Object[]> statusRows = new ArrayList<>();
		List<String> chargePointIds = new ArrayList<>();
		for (SeedSpot spot : spots) {
			spotRows.add(new Object[] { spot.id(), spot.name(), spot.address(), spot.lat(), spot.lng() });
			for (SeedSpot.Charger charger : spot.chargers()) {
				chargePointRows.add(new Object[] { charger.chargePointId(), spot.id() });
				chargePointIds.add(charger.chargePointId());
				for (SeedSpot.Connector connector : charger.connectors()) {
					connectorRows.add(new Object[] { charger.chargePointId(), connector.connectorId(),
							connector.type().name(), connector.powerKw() });
					if (connector.initialStatus() != null) {
						statusRows.add(new Object[] { charger.chargePointId(), connector.connectorId(),
								connector.initialStatus().name() });
					}
				}
			}
		}
		this.transactions.executeWithoutResult((tx) -> {
			this.jdbc.batchUpdate("""
					INSERT INTO spot (id, name, address, lat, lng) VALUES (?, ?, ?, ?, ?)
					ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, address = EXCLUDED.address,
					    lat = EXCLUDED.lat, lng = EXCLUDED.lng, updated_at = now()
					""", spotRows);
			this.jdbc.batchUpdate("""
					INSERT INTO charge_point (id, spot_id) VALUES (?, ?)
					ON CONFLICT (id) DO UPDATE SET spot_id = EXCLUDED.spot_id
					""", chargePointRows);
			this.jdbc.update("DELETE FROM connector WHERE charge_point_id = ANY (?)", (statement) -> statement
				.setArray(1, statement.getConnection().createArrayOf("varchar", chargePointIds.toArray())));
			this.jdbc.batchUpdate("INSERT INTO connector (charge_point_id, connector_id, type, power_kw) VALUES (?, ?, ?, ?)",
					connectorRows, new int[] { Types.VARCHAR, Types.INTEGER, Types.VARCHAR, Types.DOUBLE });
			this.jdbc.batchUpdate("""
					INSERT INTO connector_status (charge_point_id, connector_id, status, error_code, status_timestamp)
					VALUES (?, ?, ?, 'NoError', now())
					ON CONFLICT (charge_point_id, connector_id) DO NOTHING
					""", statusRows);
		});
		// Fresh statistics at once, as after any bulk load: until autovacuum gets to them the planner
		// still sees the tables as empty, and the first minute of searches after a seed collapsed.
		this.jdbc.execute("ANALYZE spot, charge_point, connector, connector_status");
		return new Written(spotRows.size(), chargePointRows.size(), connectorRows.size());
	}

	/**
	 * What an upsert wrote.
	 * @param spots spots created or updated
	 * @param chargePoints charge points registered or moved to their spot
	 * @param connectors connectors written
	 */
	public record Written(int spots, int chargePoints, int connectors) {
	}

}
