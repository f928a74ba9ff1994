package dev.resilience.autoconfigure.endpoint;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.resilience.tree.NoSuchWorkerException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The {@code supervisors} write operation over HTTP, with status codes that say what went wrong:
 * 404 for an unknown worker, 400 (naming the allowed actions) for an unknown action, 409 (with
 * the reason) for an action that cannot be done now, such as a trigger while a run is in
 * progress. Unknown workers and actions are logged at DEBUG.
 *
 * @since 0.1.0
 */
@EndpointWebExtension(endpoint = SupervisorsEndpoint.class)
public class SupervisorsEndpointWebExtension {

	private static final Logger logger = LoggerFactory.getLogger(SupervisorsEndpointWebExtension.class);

	private static final int STATUS_CONFLICT = 409;

	private final SupervisorsEndpoint endpoint;

	/**
	 * @param endpoint the endpoint
	 */
	public SupervisorsEndpointWebExtension(SupervisorsEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	/**
	 * Acts on one worker.
	 * @param worker the worker's name
	 * @param action one of {@link SupervisorsEndpoint#ACTIONS}
	 * @param security the caller, named in the audit line and event
	 * @return what was done (200), or what went wrong (404, 400, 409)
	 */
	@WriteOperation
	public WebEndpointResponse<Object> act(@Selector String worker, @Nullable String action,
			SecurityContext security) {
		try {
			return new WebEndpointResponse<>(this.endpoint.act(worker, action, security));
		}
		catch (NoSuchWorkerException ex) {
			logger.debug("supervisors: {}", ex.getMessage());
			return error(WebEndpointResponse.STATUS_NOT_FOUND, ex.getMessage(), null);
		}
		catch (UnknownActionException ex) {
			logger.debug("supervisors: {}", ex.getMessage());
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, ex.getMessage(), ex.getAllowed());
		}
		catch (IllegalStateException ex) {
			return error(STATUS_CONFLICT, ex.getMessage(), null);
		}
	}

	private static WebEndpointResponse<Object> error(int status, String message, Object allowed) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", status);
		body.put("message", message);
		if (allowed != null) {
			body.put("allowed", allowed);
		}
		return new WebEndpointResponse<>(body, status);
	}

}
