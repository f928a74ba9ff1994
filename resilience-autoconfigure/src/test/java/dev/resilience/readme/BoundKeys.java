package dev.resilience.readme;

import java.util.Map;

import dev.resilience.autoconfigure.settings.ResilienceProperties;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Whether start-up accepts a {@code resilience.*} key: binds it alone to
 * {@link ResilienceProperties} as start-up does (unknown fields refused). A value that does not
 * convert still names a known key; only an unbound one is unknown.
 */
final class BoundKeys {

	private BoundKeys() {
	}

	static boolean isKnown(ConfigurationPropertyName key) {
		Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(key.toString(), "1")));
		try {
			binder.bind("resilience", Bindable.of(ResilienceProperties.class), new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
			return true;
		}
		catch (BindException ex) {
			return !(ex.getCause() instanceof UnboundConfigurationPropertiesException);
		}
	}

}
