package dev.chargestorm.sut.chargepoint;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;

import dev.chargestorm.sut.database.DatabasePressure;
import dev.chargestorm.sut.ocpp.message.CentralSystemConfirmations.BootNotificationConf;
import dev.chargestorm.sut.ocpp.message.ChargePointRequests.BootNotification;
import dev.chargestorm.sut.ocpp.message.CoreEnums.RegistrationStatus;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Answers BootNotification: Accepted, Pending or Rejected as the registration says, with a
 * jittered interval; and, with the Pending valve on, Pending while the database pool is
 * saturated, so that booting chargers wait instead of piling onto the database.
 */
@Service
public class BootService {

	private final JdbcClient jdbc;

	private final ChargePointRegistry registry;

	private final DatabasePressure pressure;

	private final BootProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	/** The last BootNotification answer per charge point (Pending and Rejected restrict what it may send). */
	private final ConcurrentMap<String, RegistrationStatus> lastAnswer = new ConcurrentHashMap<>();

	BootService(JdbcClient jdbc, ChargePointRegistry registry, DatabasePressure pressure, BootProperties properties,
			Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.registry = registry;
		this.pressure = pressure;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
	}

	/**
	 * Handles a BootNotification.
	 * @param chargePointId who booted
	 * @param request what it reported
	 * @return the answer
	 */
	public BootNotificationConf boot(String chargePointId, BootNotification request) {
		BootProperties.PendingValve valve = this.properties.pendingValve();
		if (valve.enabled() && this.pressure.saturated(valve.waitingThreadsThreshold())) {
			return answer(chargePointId, RegistrationStatus.Pending, "pending_valve",
					uniformBetween(valve.minInterval(), valve.maxInterval()));
		}
		RegistrationStatus status = this.registry.find(chargePointId)
			.map(Registration::status)
			.orElse(RegistrationStatus.Accepted);
		if (status == RegistrationStatus.Accepted) {
			this.jdbc.sql("""
					UPDATE charge_point SET vendor = ?, model = ?, serial_number = ?, charge_box_serial_number = ?,
					    firmware_version = ?, iccid = ?, imsi = ?, meter_type = ?, meter_serial_number = ?,
					    last_boot_at = ?
					WHERE id = ?
					""")
				.params(request.chargePointVendor(), request.chargePointModel(), request.chargePointSerialNumber(),
						request.chargeBoxSerialNumber(), request.firmwareVersion(), request.iccid(), request.imsi(),
						request.meterType(), request.meterSerialNumber(),
						java.sql.Timestamp.from(this.clock.instant()), chargePointId)
				.update();
			return answer(chargePointId, status, "registration", jittered(this.properties.heartbeatInterval()));
		}
		return answer(chargePointId, status, "registration", jittered(this.properties.retryInterval()));
	}

	/**
	 * @param chargePointId a charge point
	 * @return the last BootNotification answer this node gave it, if any
	 */
	public Optional<RegistrationStatus> lastAnswer(String chargePointId) {
		return Optional.ofNullable(this.lastAnswer.get(chargePointId));
	}

	private BootNotificationConf answer(String chargePointId, RegistrationStatus status, String reason,
			Duration interval) {
		this.lastAnswer.put(chargePointId, status);
		this.meters.counter("chargestorm.ocpp.boot", "status", status.name(), "reason", reason).increment();
		return new BootNotificationConf(status, this.clock.instant(), (int) Math.max(1, interval.toSeconds()));
	}

	private Duration jittered(Duration interval) {
		double jitter = this.properties.intervalJitter();
		double factor = 1 + ThreadLocalRandom.current().nextDouble(-jitter, jitter + Double.MIN_VALUE);
		return Duration.ofMillis(Math.round(interval.toMillis() * factor));
	}

	private static Duration uniformBetween(Duration min, Duration max) {
		long spread = Math.max(0, max.toMillis() - min.toMillis());
		return min.plusMillis(ThreadLocalRandom.current().nextLong(spread + 1));
	}

}
