package dev.chargestorm.sut.support;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.scheduling.annotation.Scheduled;

/** Runs as the central system's flushes and reloads do, and remembers on which threads. */
@TestConfiguration(proxyBeanMethods = false)
public class SchedulingProbe {

	private final Set<String> threads = ConcurrentHashMap.newKeySet();

	@Scheduled(fixedDelay = 100)
	void record() {
		this.threads.add(Thread.currentThread().getName());
	}

	/** @return the names of the threads the probe ran on so far */
	public Set<String> threads() {
		return Set.copyOf(this.threads);
	}

}
