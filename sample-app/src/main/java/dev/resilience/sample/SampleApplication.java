package dev.resilience.sample;

import dev.resilience.sample.payments.PaymentsProperties;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The driver-payments sample: a service paying drivers for completed jobs, whose background
 * workers run under the resilience starter's supervision.
 */
@SpringBootApplication
@EnableConfigurationProperties(PaymentsProperties.class)
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
