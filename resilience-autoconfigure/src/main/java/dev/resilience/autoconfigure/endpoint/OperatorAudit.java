package dev.resilience.autoconfigure.endpoint;

import java.security.Principal;

import dev.resilience.event.OperatorActionEvent;
import dev.resilience.runtime.UserText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The audit trail of the endpoints' write operations: one INFO line per operation, naming the
 * principal when there is one, and an {@link OperatorActionEvent}. This class is threadsafe.
 *
 * @since 0.1.0
 */
public final class OperatorAudit {

	private static final Logger logger = LoggerFactory.getLogger(OperatorAudit.class);

	private final ApplicationEventPublisher events;

	/**
	 * @param events where the {@link OperatorActionEvent}s go
	 */
	public OperatorAudit(ApplicationEventPublisher events) {
		this.events = events;
	}

	/**
	 * Logs and publishes one write operation.
	 * @param target {@code worker} or {@code alarm}
	 * @param name the worker's name or the alarm's id
	 * @param action what was asked
	 * @param security who asked, or {@code null}
	 * @param outcome {@code done}, or {@code refused: } and why
	 */
	public void record(String target, String name, String action, SecurityContext security, String outcome) {
		Principal principal = (security != null) ? security.getPrincipal() : null;
		String who = (principal != null) ? principal.getName() : null;
		logger.info("Operator action {} on {} '{}' by {}: {}", UserText.oneLine(action), target,
				UserText.oneLine(name), (who != null) ? "'" + UserText.oneLine(who) + "'" : "an anonymous caller",
				UserText.oneLine(outcome));
		this.events.publishEvent(new OperatorActionEvent(target, name, action, who, outcome));
	}

}
