package dev.chargestorm.sut.database;


import com.zaxxer.hikari.HikariDataSource;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts PostgreSQL from the embedded binaries when no {@code spring.datasource.url} is set, so
 * the central system runs with zero setup. The pool is the same HikariCP, configured through the
 * usual {@code spring.datasource.hikari.*} properties, as with an external database.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDataSourceUrlCondition.class)
class EmbeddedPostgresConfiguration {

	@Bean(destroyMethod = "close")
	EmbeddedPostgresServer embeddedPostgresServer(EmbeddedDatabaseProperties properties) {
		return EmbeddedPostgresServer.start(properties.dataDir());
	}

	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource dataSource(EmbeddedPostgresServer server) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(server.jdbcUrl());
		dataSource.setUsername(EmbeddedPostgresServer.USER);
		dataSource.setPassword(EmbeddedPostgresServer.USER);
		return dataSource;
	}


}
