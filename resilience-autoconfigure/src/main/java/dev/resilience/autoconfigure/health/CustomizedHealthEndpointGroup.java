package dev.resilience.autoconfigure.health;

import java.util.Set;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;

/**
 * A health group as another one, with more members and its own status order and HTTP mapping.
 * Who may see components and details, and the additional path, stay the other group's.
 * <p>
 * An added member also brings the contributors nested in it ({@code checks/datasource} with
 * {@code checks}); a name with no contributor adds nothing, since the endpoint only asks about
 * contributors that exist.
 */
final class CustomizedHealthEndpointGroup implements HealthEndpointGroup {

	private final HealthEndpointGroup delegate;

	private final Set<String> addedMembers;

	private final StatusAggregator statusAggregator;

	private final HttpCodeStatusMapper httpCodeStatusMapper;

	CustomizedHealthEndpointGroup(HealthEndpointGroup delegate, Set<String> addedMembers,
			StatusAggregator statusAggregator, HttpCodeStatusMapper httpCodeStatusMapper) {
		this.delegate = delegate;
		this.addedMembers = Set.copyOf(addedMembers);
		this.statusAggregator = statusAggregator;
		this.httpCodeStatusMapper = httpCodeStatusMapper;
	}

	@Override
	public boolean isMember(String name) {
		return this.delegate.isMember(name) || isAddedMember(name);
	}

	private boolean isAddedMember(String name) {
		String trimmed = name.trim();
		return this.addedMembers.stream()
			.anyMatch((member) -> trimmed.equals(member) || trimmed.startsWith(member + "/"));
	}

	@Override
	public boolean showComponents(SecurityContext securityContext) {
		return this.delegate.showComponents(securityContext);
	}

	@Override
	public boolean showDetails(SecurityContext securityContext) {
		return this.delegate.showDetails(securityContext);
	}

	@Override
	public StatusAggregator getStatusAggregator() {
		return this.statusAggregator;
	}

	@Override
	public HttpCodeStatusMapper getHttpCodeStatusMapper() {
		return this.httpCodeStatusMapper;
	}

	@Override
	public AdditionalHealthEndpointPath getAdditionalPath() {
		return this.delegate.getAdditionalPath();
	}

}
