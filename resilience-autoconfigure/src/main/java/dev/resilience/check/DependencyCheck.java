package dev.resilience.check;

/**
 * Checks that a dependency (a database, a downstream service) is reachable. Every such bean is
 * run periodically as a supervised worker; a throw or a run past the check's timeout is a failed
 * check.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface DependencyCheck {

	/**
	 * Checks the dependency once. Should respond to interruption: a check past its timeout is
	 * interrupted.
	 * @throws Exception if the dependency is not usable
	 */
	void check() throws Exception;

}
