package dev.resilience.sample.payments;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A request that fails for want of the database answers 503, not 500: a load balancer retries it
 * on another instance (HAProxy's {@code retry-on 503}, nginx's {@code proxy_next_upstream http_503};
 * README, "Load balancers").
 */
@RestControllerAdvice
public class DatabaseUnavailableAdvice {

	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessResourceException.class })
	ProblemDetail databaseUnavailable(RuntimeException ex) {
		return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, "The database is unavailable");
	}

}
