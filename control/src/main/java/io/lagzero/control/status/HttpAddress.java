package io.lagzero.control.status;

import io.lagzero.control.cli.UserError;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An HTTP address given on the command line: {@code host:port} means {@code http://host:port};
 * anything that is not an http(s) address of a host is refused with one line naming the option.
 */
public final class HttpAddress {
    private HttpAddress() {
    }

    /**
     * @param option the option that gave it, for the message, e.g. {@code --url}
     * @param example a good value for the message, e.g. {@code http://localhost:8484}
     * @return the address without a trailing slash
     */
    public static URI parse(String option, String text, String example) {
        String given = text == null ? "" : text.strip();
        String withScheme = given.contains("://") ? given : "http://" + given;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw malformed(option, given, example);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw malformed(option, given, example);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    private static UserError malformed(String option, String given, String example) {
        return new UserError(option + " '" + given + "' is not an HTTP address. Fix: give host:port or "
                + "http://host:port, e.g. " + option + " " + example);
    }
}
