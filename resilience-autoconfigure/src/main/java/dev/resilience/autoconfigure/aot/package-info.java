/**
 * Spring AOT support: runtime hints for what the starter reaches by reflection.
 */
package dev.resilience.autoconfigure.aot;
