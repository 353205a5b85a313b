package dev.chargestorm.sut.support;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * The hardened profile with connect-path caches that reload only when a test says so (the
 * scheduled reload runs once, at start), so that a test can tell a cached answer from a looked-up
 * one; and a probe that records which thread runs {@code @Scheduled} work.
 */
@ActiveProfiles("hardened")
@Import(SchedulingProbe.class)
@TestPropertySource(properties = { "chargestorm.connect-path.cache-ttl=1h",
		"chargestorm.connect-path.cache-stale-limit=2h" })
public abstract class LongLivedCacheIntegrationTest extends SutIntegrationTest {

}
