package dev.resilience.autoconfigure.endpoint;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the {@code supervisors} endpoint shows and allows, as
 * {@code management.endpoint.health.*} does for health.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("management.endpoint.supervisors")
public class SupervisorsEndpointProperties {

	/**
	 * When to show exception messages and the cluster lock holder's identity: never,
	 * when-authorized (an authenticated caller, in one of the roles if any are set) or always.
	 */
	private Show showDetails = Show.WHEN_AUTHORIZED;

	/**
	 * Roles a caller needs for when-authorized details; empty: any authenticated caller.
	 */
	private Set<String> roles = new LinkedHashSet<>();

	/**
	 * Shortest time between two triggers of one worker; a trigger sooner is refused (409).
	 */
	private Duration triggerMinGap = Duration.ofSeconds(1);

	public Show getShowDetails() {
		return this.showDetails;
	}

	public void setShowDetails(Show showDetails) {
		this.showDetails = showDetails;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

	public void setRoles(Set<String> roles) {
		this.roles = roles;
	}

	public Duration getTriggerMinGap() {
		return this.triggerMinGap;
	}

	public void setTriggerMinGap(Duration triggerMinGap) {
		this.triggerMinGap = triggerMinGap;
	}

}
