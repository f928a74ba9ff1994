package dev.resilience.sample.payments;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sample's switches.
 */
@ConfigurationProperties("sample.payments")
public class PaymentsProperties {

	/**
	 * Whether the released bug is in: the payments worker pays every job twice.
	 */
	private volatile boolean bug;

	public boolean isBug() {
		return this.bug;
	}

	public void setBug(boolean bug) {
		this.bug = bug;
	}

}
