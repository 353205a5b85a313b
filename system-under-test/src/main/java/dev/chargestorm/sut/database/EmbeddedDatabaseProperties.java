package dev.chargestorm.sut.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the embedded PostgreSQL keeps its data when no external database is configured.
 *
 * @param dataDir data directory of the embedded PostgreSQL; kept across restarts
 */
@ConfigurationProperties("chargestorm")
public record EmbeddedDatabaseProperties(@DefaultValue(".chargestorm/data") Path dataDir) {
}
