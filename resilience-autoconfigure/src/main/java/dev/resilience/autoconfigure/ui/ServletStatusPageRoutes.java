package dev.resilience.autoconfigure.ui;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The status page's routes in a Spring MVC application.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
class ServletStatusPageRoutes {

	@Bean
	RouterFunction<ServerResponse> resilienceStatusPageRoutes(StatusPage page) {
		HandlerFunction<ServerResponse> html = (request) -> file(StatusPageFiles.HTML,
				page.html(request.requestPath().contextPath().value()));
		RouterFunctions.Builder routes = RouterFunctions.route().GET(page.path(), html).GET(page.path() + "/", html);
		page.files()
			.forEach((name, body) -> routes.GET(page.path() + "/" + name,
					(request) -> file(StatusPageFiles.typeOf(name), body)));
		return routes.build();
	}

	private static ServerResponse file(MediaType type, String body) {
		return ServerResponse.ok().contentType(type).headers(StatusPageFiles::headers).body(body);
	}

}
