/**
 * Alarms, after Erlang's SASL {@code alarm_handler} and the Elixir library Alarmist: alarms with
 * an id, a severity and a description; handlers notified on set and clear; a remedy per alarm run
 * by a small state machine; managed alarms whose sets and clears become visible only after a
 * debounce or hold ({@link dev.resilience.alarm.AlarmRules}). Spring-free.
 */
package dev.resilience.alarm;
