package dev.chargestorm.sut.admission;

import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Admission control at the OCPP handshake: a token bucket on upgrades and a bound on the
 * handshakes doing database work at once. A refused charger gets 503 with a jittered
 * Retry-After, so a reconnect storm is spread out instead of saturating the database.
 */
@Component
public class AdmissionControl {

	private final AdmissionProperties properties;

	private final TokenBucket upgrades;

	private final Semaphore connectWork;

	private final Counter rateRejections;

	private final Counter workRejections;

	AdmissionControl(AdmissionProperties properties, MeterRegistry meters) {
		this.properties = properties;
		this.upgrades = new TokenBucket(properties.burst(), properties.upgradesPerSecond(), System::nanoTime);
		this.connectWork = new Semaphore(properties.maxConcurrentConnectWork(), true);
		this.rateRejections = meters.counter("chargestorm.admission.rejected", "reason", "rate");
		this.workRejections = meters.counter("chargestorm.admission.rejected", "reason", "connect_work");
		meters.gauge("chargestorm.admission.waiting", this.connectWork, Semaphore::getQueueLength);
	}

	/** @return whether this upgrade may proceed now */
	public boolean admitUpgrade() {
		if (!this.properties.enabled() || this.upgrades.tryTake()) {
			return true;
		}
		this.rateRejections.increment();
		return false;
	}

	/**
	 * Takes a connect-work slot, waiting a bounded time when few others wait; release it with
	 * {@link #releaseConnectWork()}. In a storm every server thread could otherwise end up
	 * waiting here, and the node would stop answering the chargers already connected.
	 * @return whether a slot was taken (always true when admission control is off)
	 */
	public boolean acquireConnectWork() {
		if (!this.properties.enabled() || this.connectWork.tryAcquire()) {
			return true;
		}
		try {
			if (this.connectWork.getQueueLength() < this.properties.maxWaitingConnectWork() && this.connectWork
				.tryAcquire(this.properties.connectWorkWait().toMillis(), TimeUnit.MILLISECONDS)) {
				return true;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.workRejections.increment();
		return false;
	}

	/** Gives back a slot taken by {@link #acquireConnectWork()}. */
	public void releaseConnectWork() {
		if (this.properties.enabled()) {
			this.connectWork.release();
		}
	}

	/** @return seconds for Retry-After: the configured value spread by up to +100 % so retries do not align */
	public long retryAfterSeconds() {
		long base = Math.max(1, this.properties.retryAfter().toSeconds());
		return base + ThreadLocalRandom.current().nextLong(base + 1);
	}

}
