package dev.chargestorm.sut.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The official OCPP 1.6 JSON schemas (draft-04), read unmodified from {@code ../shared/ocpp/schemas-1.6}
 * (or {@code -Dchargestorm.ocpp.schemas=DIR}); they are not part of this project.
 */
public final class OfficialSchemas {

	private static final Path DIRECTORY = Path
		.of(System.getProperty("chargestorm.ocpp.schemas", "../../shared/ocpp/schemas-1.6"))
		.toAbsolutePath()
		.normalize();

	private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);

	private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

	private OfficialSchemas() {
	}

	/** Skips the calling test, with a message that says why, when the schemas are not there. */
	public static void assumeAvailable() {
		assumeThat(Files.isDirectory(DIRECTORY))
			.as("The official OCPP 1.6 schemas are not at %s (they come with ../shared/ocpp); "
					+ "schema validation of CALLRESULTs is skipped", DIRECTORY)
			.isTrue();
	}

	/**
	 * Asserts that a payload validates against the official schema of that name.
	 * @param schemaName e.g. {@code BootNotificationResponse}
	 * @param payload the payload
	 */
	public static void assertValid(String schemaName, JsonNode payload) {
		assumeAvailable();
		List<Error> errors = SCHEMAS.computeIfAbsent(schemaName, OfficialSchemas::load).validate(payload);
		assertThat(errors).as("%s %s against the official schema %s.json", schemaName, payload, schemaName)
			.isEmpty();
	}

	private static Schema load(String schemaName) {
		Path file = DIRECTORY.resolve(schemaName + ".json");
		try (InputStream in = Files.newInputStream(file)) {
			return REGISTRY.getSchema(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the official schema " + file, ex);
		}
	}

}
