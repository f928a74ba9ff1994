package dev.resilience.autoconfigure.ui;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Registers the status page's files as resources, for native images.
 */
class StatusPageRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		for (String file : new String[] { "status.html", "status.css", "status-tree.js", "status.js" }) {
			hints.resources().registerPattern("dev/resilience/autoconfigure/ui/" + file);
		}
	}

}
