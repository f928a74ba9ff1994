package dev.resilience.autoconfigure.health;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.AdditionalPathsMapper;
import org.springframework.boot.actuate.endpoint.web.WebServerNamespace;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;

/**
 * Health groups as other ones, with some groups replaced. The names, the primary group and the
 * additional paths (such as {@code /readyz}) stay the other groups'.
 */
final class ResilienceHealthEndpointGroups implements HealthEndpointGroups, AdditionalPathsMapper {

	private final HealthEndpointGroups delegate;

	private final Map<String, HealthEndpointGroup> replaced;

	ResilienceHealthEndpointGroups(HealthEndpointGroups delegate, Map<String, HealthEndpointGroup> replaced) {
		this.delegate = delegate;
		this.replaced = Map.copyOf(replaced);
	}

	@Override
	public HealthEndpointGroup getPrimary() {
		return this.delegate.getPrimary();
	}

	@Override
	public Set<String> getNames() {
		return this.delegate.getNames();
	}

	@Override
	public HealthEndpointGroup get(String name) {
		HealthEndpointGroup group = this.replaced.get(name);
		return (group != null) ? group : this.delegate.get(name);
	}

	@Override
	public List<String> getAdditionalPaths(EndpointId endpointId, WebServerNamespace webServerNamespace) {
		return (this.delegate instanceof AdditionalPathsMapper mapper)
				? mapper.getAdditionalPaths(endpointId, webServerNamespace) : null;
	}

}
