package dev.tokengate.sample;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * A plain servlet, no JAX-RS: the filter alone guards it, because {@code /servlet/*} is one of the sample's
 * {@code tokengate.protected-paths}. It only runs for a valid token.
 */
@WebServlet("/servlet/whoami")
public class WhoAmIServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        String name = request.getUserPrincipal().getName().replace("\\", "\\\\").replace("\"", "\\\"");
        response.getWriter().write("{\"name\":\"" + name + "\",\"authType\":\"" + request.getAuthType() + "\"}");
    }
}
