package dev.tokengate.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Serves the RFC 9728 document at {@value ResourceMetadata#WELL_KNOWN} (and below it, for a resource identifier with
 * a path): JSON, cacheable for an hour. Any other path below it is 404; methods other than GET and HEAD are 405.
 */
final class ResourceMetadataServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient ResourceMetadata metadata;

    ResourceMetadataServlet(ResourceMetadata metadata) {
        this.metadata = metadata;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!metadata.isDocumentRequest(request)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        byte[] document = metadata.documentFor(request, getServletContext()).getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        // derived from the request's host unless configured: a shared cache must key on it
        response.setHeader("Cache-Control", "public, max-age=3600");
        response.setHeader("Vary", "Host, Forwarded, X-Forwarded-Host, X-Forwarded-Proto, X-Forwarded-Port");
        response.setContentLength(document.length);
        response.getOutputStream().write(document);
    }
}
