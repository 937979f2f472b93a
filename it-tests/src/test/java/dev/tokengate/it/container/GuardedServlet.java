package dev.tokengate.it.container;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code /guarded} sits behind a {@code web.xml} security constraint (role {@code read:patients}) that the container
 * enforces; {@code /login} calls {@code HttpServletRequest.authenticate}.
 */
@WebServlet({"/guarded", "/login"})
public class GuardedServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if ("/login".equals(request.getServletPath()) && !request.authenticate(response)) {
            return; // the authentication module has answered
        }
        response.setContentType("text/plain");
        response.getWriter().print(request.getUserPrincipal().getName() + "|" + request.isUserInRole("read:patients"));
    }
}
