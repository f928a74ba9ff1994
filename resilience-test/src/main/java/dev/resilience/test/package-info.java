/**
 * The test kit: {@link dev.resilience.test.VirtualTime} (with
 * {@link dev.resilience.test.AutoConfigureVirtualTime} on a {@code @SpringBootTest}) and the
 * AssertJ assertions of {@link dev.resilience.test.ResilienceAssertions}.
 */
package dev.resilience.test;
