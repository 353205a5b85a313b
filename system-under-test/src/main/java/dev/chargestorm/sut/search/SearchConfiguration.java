package dev.chargestorm.sut.search;

import java.time.Clock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The search API's pool, repository and time-limited reads, on nodes with the {@code api} role. */
@Configuration(proxyBeanMethods = false)
@Conditional(ApiRoleCondition.class)
class SearchConfiguration {

	@Bean(destroyMethod = "close")
	SearchPool searchPool(DataSource dataSource, SearchProperties properties, MeterRegistry meters) {
		return SearchPool.open(dataSource, properties.pool(), meters);
	}

	@Bean
	SpotRepository spotRepository(SearchPool searchPool) {
		return new SpotRepository(new NamedParameterJdbcTemplate(searchPool.dataSource()));
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "chargestorm.search.http-server-observations", havingValue = false,
			matchIfMissing = true)
	SearchServerObservations searchServerObservations() {
		return new SearchServerObservations();
	}

	@Bean(destroyMethod = "close")
	BudgetedQueries budgetedQueries(SearchProperties properties, Clock clock) {
		return new BudgetedQueries(properties, clock);
	}

}
