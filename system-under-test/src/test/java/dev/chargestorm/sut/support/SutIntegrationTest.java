package dev.chargestorm.sut.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the whole central system in-process: a real Tomcat on a random
 * port, real WebSockets and a real embedded PostgreSQL in a fresh data directory. Every test
 * class extending it shares one application context (and one database); tests use their own
 * charge point ids so they do not see each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "chargestorm.ocpp.call-timeout=3s", "chargestorm.ocpp.ping-interval=1s",
				"chargestorm.ocpp.pong-timeout=1s", "chargestorm.ocpp.liveness-check-period=200ms",
				"chargestorm.node.id=test-node", "logging.level.root=warn", "logging.level.io.zonky=warn" })
public abstract class SutIntegrationTest {

	@LocalServerPort
	protected int port;

	@Autowired
	protected JdbcTemplate jdbc;

	/** Called once per application context: each context gets a database of its own. */
	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		Path dataDir = newDataDir();
		registry.add("chargestorm.data-dir", dataDir::toString);
	}

	/** @return a charge point id no other test uses */
	protected static String uniqueChargePointId(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	protected OcppTestClient connect(String chargePointId) {
		return OcppTestClient.connect(this.port, chargePointId);
	}

	static Path newDataDir() {
		try {
			Path parent = Files.createDirectories(Path.of("target", "test-databases"));
			return Files.createTempDirectory(parent, "sut-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
