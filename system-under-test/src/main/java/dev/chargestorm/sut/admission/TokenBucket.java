package dev.chargestorm.sut.admission;

import java.util.function.LongSupplier;

/** A token bucket: {@code capacity} tokens, refilled at {@code perSecond}; thread-safe. */
final class TokenBucket {

	private final long capacity;

	private final double tokensPerNano;

	private final LongSupplier nanoClock;

	private double tokens;

	private long lastRefill;

	TokenBucket(long capacity, double perSecond, LongSupplier nanoClock) {
		this.capacity = capacity;
		this.tokensPerNano = perSecond / 1_000_000_000d;
		this.nanoClock = nanoClock;
		this.tokens = capacity;
		this.lastRefill = nanoClock.getAsLong();
	}

	/** @return whether a token was taken */
	synchronized boolean tryTake() {
		long now = this.nanoClock.getAsLong();
		this.tokens = Math.min(this.capacity, this.tokens + (now - this.lastRefill) * this.tokensPerNano);
		this.lastRefill = now;
		if (this.tokens >= 1) {
			this.tokens -= 1;
			return true;
		}
		return false;
	}

}
