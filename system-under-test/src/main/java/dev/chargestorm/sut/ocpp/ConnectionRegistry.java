package dev.chargestorm.sut.ocpp;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.chargestorm.sut.node.ConnectedChargers;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/** The chargers connected to this node, one connection per charge point (the newest wins). */
@Component
public class ConnectionRegistry implements ConnectedChargers {

	private final ConcurrentMap<String, ChargerConnection> connections = new ConcurrentHashMap<>();

	private volatile boolean accepting = true;

	ConnectionRegistry(MeterRegistry meters) {
		Gauge.builder("chargestorm.ocpp.connections", this.connections, ConcurrentMap::size)
			.description("Chargers with an open OCPP connection to this node")
			.register(meters);
	}

	/**
	 * @param chargePointId a charge point
	 * @return its open connection to this node, if any
	 */
	public Optional<ChargerConnection> find(String chargePointId) {
		return Optional.ofNullable(this.connections.get(chargePointId));
	}

	/** @return a snapshot of every open connection */
	public List<ChargerConnection> all() {
		Collection<ChargerConnection> values = this.connections.values();
		return List.copyOf(values);
	}

	/** Refuses new OCPP connections from now on (a drain is running). */
	public void stopAccepting() {
		this.accepting = false;
	}

	/** Accepts new OCPP connections again (the node was restarted in place). */
	public void startAccepting() {
		this.accepting = true;
	}

	/** @return whether new OCPP connections are accepted */
	public boolean accepting() {
		return this.accepting;
	}

	@Override
	public int connectedChargers() {
		return this.connections.size();
	}

	/** @return the connection this one replaced, if the charge point was already connected */
	@Nullable ChargerConnection add(ChargerConnection connection) {
		return this.connections.put(connection.chargePointId(), connection);
	}

	/** @return whether this connection was the charge point's current one */
	boolean remove(ChargerConnection connection) {
		return this.connections.remove(connection.chargePointId(), connection);
	}

}
