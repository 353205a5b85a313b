package dev.chargestorm.sut.ocpp;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * OCPP meters: handshakes by outcome, messages by action and outcome, processing latency per
 * action. Meters are looked up once per (name, tags) and reused on the hot path.
 */
@Component
class OcppMetrics {

	private final MeterRegistry registry;

	private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();

	OcppMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void handshake(String outcome) {
		this.counters
			.computeIfAbsent("handshake:" + outcome,
					(key) -> Counter.builder("chargestorm.ocpp.handshakes")
						.description("OCPP WebSocket handshakes by outcome")
						.tag("outcome", outcome)
						.register(this.registry))
			.increment();
	}

	void message(String action, String outcome, long nanos) {
		this.counters
			.computeIfAbsent("message:" + action + ":" + outcome,
					(key) -> Counter.builder("chargestorm.ocpp.messages")
						.description("OCPP CALLs received, by action and outcome (result or CALLERROR code)")
						.tag("action", action)
						.tag("outcome", outcome)
						.register(this.registry))
			.increment();
		this.timers
			.computeIfAbsent(action,
					(key) -> Timer.builder("chargestorm.ocpp.processing")
						.description("Time from receiving a CALL to sending its answer")
						.tag("action", action)
						.publishPercentileHistogram()
						.register(this.registry))
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	void callAfterClose(String action) {
		this.counters
			.computeIfAbsent("after-close:" + action,
					(key) -> Counter.builder("chargestorm.ocpp.calls.after.close")
						.description("CALLs that arrived after a graceful close frame was sent: processed,"
								+ " but the answer cannot reach the charger")
						.tag("action", action)
						.register(this.registry))
			.increment();
	}

	void ignored(String reason) {
		this.counters
			.computeIfAbsent("ignored:" + reason,
					(key) -> Counter.builder("chargestorm.ocpp.frames.ignored")
						.description("Frames ignored as OCPP-J says (unknown message type, binary, stray answers)")
						.tag("reason", reason)
						.register(this.registry))
			.increment();
	}

}
