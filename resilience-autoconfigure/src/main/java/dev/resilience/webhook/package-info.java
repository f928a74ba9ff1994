/**
 * An alarm handler posting to a Slack-compatible incoming webhook.
 */
package dev.resilience.webhook;
