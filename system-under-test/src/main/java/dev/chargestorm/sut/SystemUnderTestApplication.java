package dev.chargestorm.sut;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.task.ThreadPoolTaskSchedulerBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

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

	/**
	 * The {@code @Scheduled} work (presence and status flushes, cache reloads, liveness checks),
	 * apart from the OCPP scheduler: a flush or reload that waits for a saturated pool must not hold
	 * up call timeouts or a drain's pace. Without this bean Spring would run it on the OCPP
	 * scheduler, the only {@code ScheduledExecutorService} in the context.
	 * @param builder Boot's builder ({@code spring.task.scheduling.*})
	 * @return the scheduler
	 */
	@Bean
	ThreadPoolTaskScheduler taskScheduler(ThreadPoolTaskSchedulerBuilder builder) {
		return builder.build();
	}

}
