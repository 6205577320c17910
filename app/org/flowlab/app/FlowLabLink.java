package org.flowlab.app;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed {@code flowlab:<page>?key=value&...} link. Parsing is strict, so that a damaged link
 * is reported with a clear one-line message instead of doing something else: the page id must
 * be a lower-case word, every pair must be {@code key=value} with a non-empty key, escapes must
 * be valid UTF-8 {@code %XX}, a key may appear once, and the link is at most
 * {@value #MAX_LENGTH} characters long with at most {@value #MAX_PARAMETERS} parameters. Which
 * keys and values are valid is for the page to check.
 *
 * @param page the page id, e.g. {@code lab}
 * @param parameters the decoded parameters, in link order
 */
public record FlowLabLink(String page, Map<String, String> parameters) {

    /** The scheme prefix. */
    public static final String SCHEME = "flowlab:";

    /** The longest link accepted. */
    public static final int MAX_LENGTH = 4096;

    /** The most parameters accepted. */
    public static final int MAX_PARAMETERS = 64;

    private static final Pattern PAGE = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    /**
     * Parses a link.
     *
     * @param link the link, e.g. {@code flowlab:lab?theory=phi4&m2=-0.5}
     * @return the page and parameters
     * @throws IllegalArgumentException with a one-line message naming what is wrong
     */
    public static FlowLabLink parse(String link) {
        if (link == null || !link.startsWith(SCHEME)) {
            throw new IllegalArgumentException("not a FlowLab link (it must start with flowlab:)");
        }
        if (link.length() > MAX_LENGTH) {
            throw new IllegalArgumentException(
                    "the link is " + link.length() + " characters long; at most " + MAX_LENGTH + " are accepted");
        }
        String body = link.substring(SCHEME.length());
        int q = body.indexOf('?');
        String page = q < 0 ? body : body.substring(0, q);
        if (page.startsWith("//")) {
            page = page.substring(2);
        }
        if (!PAGE.matcher(page).matches()) {
            throw new IllegalArgumentException("'" + shorten(page) + "' is not a tab name (use e.g. flowlab:lab?...)");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        String query = q < 0 ? "" : body.substring(q + 1);
        if (!query.isEmpty()) {
            for (String pair : query.split("&", -1)) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("'" + shorten(pair) + "' is not of the form key=value");
                }
                String key = decode(pair.substring(0, eq), pair);
                String value = decode(pair.substring(eq + 1), pair);
                if (!KEY.matcher(key).matches()) {
                    throw new IllegalArgumentException("'" + shorten(key) + "' is not a setting name");
                }
                if (parameters.containsKey(key)) {
                    throw new IllegalArgumentException("'" + key + "' is given twice");
                }
                parameters.put(key, value);
                if (parameters.size() > MAX_PARAMETERS) {
                    throw new IllegalArgumentException("the link has more than " + MAX_PARAMETERS + " settings");
                }
            }
        }
        return new FlowLabLink(page, Collections.unmodifiableMap(parameters));
    }

    /**
     * Decodes %XX escapes (and + as a space) strictly.
     *
     * @param text the encoded text
     * @param pair the pair it comes from, for the message
     * @return the decoded text
     */
    private static String decode(String text, String pair) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int hi = i + 1 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw badEscape(pair);
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
                    b = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                    i++;
                }
                bytes.write(b, 0, b.length);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("'" + shorten(pair) + "' does not decode to valid UTF-8 text");
        }
    }

    private static IllegalArgumentException badEscape(String pair) {
        return new IllegalArgumentException(
                "'" + shorten(pair) + "' has a broken % escape (use %XX with two hex digits)");
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "…";
    }
}
