package dev.chargestorm.sut;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The ChargeStorm system under test: an OCPP 1.6J central system on PostgreSQL.
 * <p>
 * {@code java -jar system-under-test.jar --server.port=8080} starts it with an embedded
 * PostgreSQL in {@code chargestorm.data-dir}; set {@code spring.datasource.url} to use an
 * external database instead.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SystemUnderTestApplication {

	public static void main(String[] args) {
		SpringApplication.run(SystemUnderTestApplication.class, args);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
