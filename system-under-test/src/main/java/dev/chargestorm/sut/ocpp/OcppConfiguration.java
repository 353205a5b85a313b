package dev.chargestorm.sut.ocpp;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import dev.chargestorm.sut.ocpp.frame.FrameCodec;
import dev.chargestorm.sut.ocpp.message.PayloadBinder;
import jakarta.validation.Validator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OCPP codec, payload binder and the scheduler for call timeouts, pings and drains. */
@Configuration(proxyBeanMethods = false)
class OcppConfiguration {

	@Bean(destroyMethod = "shutdownNow")
	ScheduledExecutorService ocppScheduler() {
		return Executors.newScheduledThreadPool(2, Thread.ofPlatform().name("ocpp-scheduler-", 0).daemon().factory());
	}

	@Bean
	FrameCodec frameCodec(JsonMapper mapper) {
		return new FrameCodec(mapper);
	}

	@Bean
	PayloadBinder payloadBinder(JsonMapper mapper, Validator validator) {
		return new PayloadBinder(mapper, validator);
	}

}
