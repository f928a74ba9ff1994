package dev.resilience.sample.slack;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stand-in for Slack: the starter's webhook posts alarms to {@code POST /slack}, and
 * {@code GET /slack} lists what arrived, so a newcomer sees alarms without a Slack workspace.
 */
@RestController
public class SlackStandIn {

	private final List<Message> messages = new CopyOnWriteArrayList<>();

	@PostMapping("/slack")
	public void receive(@RequestBody Map<String, Object> body) {
		this.messages.add(new Message(String.valueOf(body.get("text")), Instant.now().toString()));
	}

	@GetMapping("/slack")
	public List<Message> messages() {
		return List.copyOf(this.messages);
	}

	/**
	 * A message received.
	 *
	 * @param text its text
	 * @param receivedAt when it arrived
	 */
	public record Message(String text, String receivedAt) {
	}

}
