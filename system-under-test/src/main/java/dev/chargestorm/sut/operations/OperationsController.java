package dev.chargestorm.sut.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import dev.chargestorm.sut.ocpp.ChargerConnection;
import dev.chargestorm.sut.ocpp.ConnectionRegistry;
import dev.chargestorm.sut.operations.DrainService.DrainStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.socket.CloseStatus;

/** Admin endpoints for experiments: drain and forced disconnects. */
@RestController
class OperationsController {

	private static final Logger logger = LoggerFactory.getLogger(OperationsController.class);

	private final DrainService drain;

	private final DrainProperties drainProperties;

	private final ConnectionRegistry connections;

	OperationsController(DrainService drain, DrainProperties drainProperties, ConnectionRegistry connections) {
		this.drain = drain;
		this.drainProperties = drainProperties;
		this.connections = connections;
	}

	@PostMapping("/admin/drain")
	@ResponseStatus(HttpStatus.ACCEPTED)
	DrainStatus startDrain(@Valid @RequestBody(required = false) @Nullable DrainRequest request) {
		DrainRequest drainRequest = (request != null) ? request : new DrainRequest(null, null, null, null);
		Duration window = (drainRequest.window() != null) ? drainRequest.window() : this.drainProperties.window();
		int closeCode = (drainRequest.closeCode() != null) ? drainRequest.closeCode()
				: this.drainProperties.closeCode();
		if (closeCode != 1012 && closeCode != 1001) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"closeCode must be 1012 (Service Restart) or 1001 (Going Away) but was " + closeCode);
		}
		Duration callWait = (drainRequest.callWait() != null) ? drainRequest.callWait()
				: this.drainProperties.callWait();
		if (callWait.isNegative()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "callWait must be 0 or more but was " + callWait);
		}
		return this.drain.start(drainRequest.ratePerSecond(), window, closeCode, this.drainProperties.quietPeriod(),
				callWait);
	}

	@GetMapping("/admin/drain")
	DrainStatus drainStatus() {
		return this.drain.status();
	}

	@PostMapping("/admin/disconnect")
	@ResponseStatus(HttpStatus.ACCEPTED)
	DisconnectResult disconnect(@Valid @RequestBody DisconnectRequest request) {
		if ((request.count() == null) == (request.fraction() == null)) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Give exactly one of count or fraction");
		}
		List<ChargerConnection> open = new ArrayList<>(this.connections.all());
		Instant openedBefore = request.openedBefore();
		if (openedBefore != null) {
			// a harness dropping the chargers of several nodes gives each node the same instant, so a
			// charger that another node's drop sent here in the meantime is not dropped a second time
			open.removeIf((connection) -> !connection.connectedAt().isBefore(openedBefore));
		}
		Collections.shuffle(open, ThreadLocalRandom.current());
		int wanted = (request.count() != null) ? request.count()
				: (int) Math.round(open.size() * request.fraction());
		List<ChargerConnection> chosen = open.subList(0, Math.min(wanted, open.size()));
		Mode mode = (request.mode() != null) ? request.mode() : Mode.CLEAN;
		CloseStatus status = new CloseStatus((request.closeCode() != null) ? request.closeCode() : 1001,
				"Disconnected by an experiment");
		// Answered at once; the closes run concurrently, as a deploy or a network fault would cause them.
		ConnectionCloser.closeAtOnce(List.copyOf(chosen),
				(connection) -> {
					if (mode == Mode.ABRUPT) {
						connection.abort();
					}
					else {
						connection.close(status);
					}
				})
			.thenRun(() -> logger.info("Disconnected {} of {} chargers ({})", chosen.size(), open.size(), mode));
		return new DisconnectResult(chosen.size(), open.size(), mode);
	}

	/**
	 * @param ratePerSecond connections closed per second; when absent, spread over the window
	 * @param window how long to spread the closes over (default chargestorm.drain.window)
	 * @param closeCode 1012 or 1001 (default chargestorm.drain.close-code)
	 * @param callWait the longest a connection's close waits for a CALL open on it (default
	 * chargestorm.drain.call-wait)
	 */
	record DrainRequest(@Nullable @Min(1) Integer ratePerSecond, @Nullable Duration window,
			@Nullable Integer closeCode, @Nullable Duration callWait) {
	}

	/**
	 * @param count how many connections to drop
	 * @param fraction share of the connections to drop
	 * @param mode CLEAN sends a close frame, ABRUPT drops the TCP connection
	 * @param closeCode close code for CLEAN (default 1001)
	 * @param openedBefore only connections opened before this instant count (and {@code count} and
	 * {@code fraction} apply to them); all open ones when absent
	 */
	record DisconnectRequest(@Nullable @Min(0) Integer count,
			@Nullable @DecimalMin("0.0") @DecimalMax("1.0") Double fraction, @Nullable Mode mode,
			@Nullable @Min(1000) @Max(4999) Integer closeCode, @Nullable Instant openedBefore) {
	}

	/**
	 * @param disconnected connections being closed (the closes run after the answer)
	 * @param connectedBefore connections open when the request came (opened before
	 * {@code openedBefore} when given)
	 * @param mode how they are closed
	 */
	record DisconnectResult(int disconnected, int connectedBefore, Mode mode) {
	}

	enum Mode {

		CLEAN, ABRUPT

	}

}
