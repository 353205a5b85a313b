package dev.chargestorm.sut.chargepoint;

import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.chargestorm.sut.node.NodeProperties;
import dev.chargestorm.sut.node.NodeProperties.Role;
import dev.chargestorm.sut.ocpp.message.CoreEnums.ChargePointErrorCode;
import dev.chargestorm.sut.ocpp.message.CoreEnums.ChargePointStatus;
import dev.chargestorm.sut.ocpp.message.ChargePointRequests.StatusNotification;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ParameterizedPreparedStatementSetter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cheap connect path's batches lock rows in key order: two nodes that flush the same charge
 * points (a charger that moved from one to the other) would otherwise deadlock in PostgreSQL
 * (measured at 30,000 chargers in a graceful deploy).
 */
class FlushOrderTest {

	private static final ConnectPathProperties CHEAP = new ConnectPathProperties(true, Duration.ofSeconds(1),
			Duration.ofSeconds(60), Duration.ofMinutes(10));

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T18:00:00Z"), ZoneOffset.UTC);

	private static final List<String> CHARGE_POINTS = List.of("CP-000300", "CP-000012", "CP-000200", "CP-000001",
			"CP-000100", "CP-000011", "CP-000002", "CP-000010");

	@Test
	void presenceIsWrittenInChargePointIdOrder() {
		RecordingJdbc jdbc = new RecordingJdbc();
		PresenceTracker presence = new PresenceTracker(jdbc, CLOCK, CHEAP, new NodeProperties("csms-a", "a", Role.OCPP));
		CHARGE_POINTS.forEach(presence::connected);

		presence.flush();

		assertThat(jdbc.rows).containsExactlyElementsOf(CHARGE_POINTS.stream().sorted().toList());
	}

	@Test
	void connectorStatusesAreWrittenInChargePointAndConnectorOrder() {
		RecordingJdbc jdbc = new RecordingJdbc();
		StatusService status = new StatusService(jdbc, new TransactionTemplate(NO_TRANSACTIONS), CLOCK, CHEAP,
				new SimpleMeterRegistry());
		for (String chargePoint : CHARGE_POINTS) {
			for (int connector : new int[] { 2, 0, 1 }) {
				status.statusNotification(chargePoint, new StatusNotification(connector, ChargePointErrorCode.NoError,
						null, ChargePointStatus.Available, null, null, null));
			}
		}

		status.flush();

		List<String> expected = new ArrayList<>();
		CHARGE_POINTS.stream().sorted().forEach((chargePoint) -> {
			for (int connector = 0; connector <= 2; connector++) {
				expected.add(chargePoint + "/" + connector);
			}
		});
		assertThat(jdbc.latestStatusRows).containsExactlyElementsOf(expected);
	}

	private static final PlatformTransactionManager NO_TRANSACTIONS = (PlatformTransactionManager) Proxy
		.newProxyInstance(FlushOrderTest.class.getClassLoader(), new Class<?>[] { PlatformTransactionManager.class },
				(proxy, method, args) -> null);

	/** Records the keys of the rows each batch writes, in the order it writes them. */
	private static final class RecordingJdbc extends JdbcTemplate {

		final List<String> rows = new ArrayList<>();

		final List<String> latestStatusRows = new ArrayList<>();

		@Override
		public <T> int[][] batchUpdate(String sql, Collection<T> batchArgs, int batchSize,
				ParameterizedPreparedStatementSetter<T> setter) {
			PreparedStatement statement = (PreparedStatement) Proxy.newProxyInstance(getClass().getClassLoader(),
					new Class<?>[] { PreparedStatement.class }, (proxy, method, args) -> {
						if (method.getName().equals("setString") && (int) args[0] == 9) {
							this.rows.add((String) args[1]);
						}
						return null;
					});
			for (T argument : batchArgs) {
				try {
					setter.setValues(statement, argument);
				}
				catch (SQLException ex) {
					throw new IllegalStateException(ex);
				}
			}
			return new int[0][];
		}

		@Override
		public int[] batchUpdate(String sql, List<? extends Object[]> batchArgs) {
			if (sql.contains("INSERT INTO connector_status ")) {
				for (Object[] row : batchArgs) {
					this.latestStatusRows.add(row[0] + "/" + row[1]);
				}
			}
			return new int[0];
		}

	}

}
