package dev.resilience.browser;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.resilience.event.OperatorActionEvent;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The README's Spring Security example, as a test adds it to the sample: the status page and the
 * Actuator endpoints in one chain, for role {@code OPS}, with CSRF on and its token issued in the
 * {@code XSRF-TOKEN} cookie that the page sends back as {@code X-XSRF-TOKEN}
 * ({@code csrf.spa()}). Records every {@link OperatorActionEvent}.
 */
@Configuration(proxyBeanMethods = false)
public class SecuredOperations {

	/** The events heard, oldest first. */
	public final List<OperatorActionEvent> events = new CopyOnWriteArrayList<>();

	@Bean
	SecurityFilterChain operations(HttpSecurity http) throws Exception {
		return http
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/actuator/health/**")
				.permitAll()
				.requestMatchers("/resilience/**", "/actuator/**")
				.hasRole("OPS")
				.anyRequest()
				.permitAll())
			.formLogin(Customizer.withDefaults())
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.spa())
			.build();
	}

	@Bean
	InMemoryUserDetailsManager operators() {
		return new InMemoryUserDetailsManager(
				User.withUsername("ops").password("{noop}ops-password").roles("OPS").build());
	}

	@EventListener
	void audited(OperatorActionEvent event) {
		this.events.add(event);
	}

}
