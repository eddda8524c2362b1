package io.onceload.jmx;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** The one user and password the JMX connector accepts. */
record JmxCredentials(String user, String password) {

    static final String USER = "onceload";

    // 192 random bits: comfortably above the 128 the connector must have, still a short line in the file
    private static final int PASSWORD_BYTES = 24;
    private static final int MIN_PASSWORD_CHARS = 22;
    // what generate() produces; anything else in the file is not ours and is replaced
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,200}");

    static JmxCredentials generate() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        new SecureRandom().nextBytes(bytes);
        return new JmxCredentials(USER, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Whether both values look like ones generate() made, so they can be kept and written back verbatim. */
    static boolean wellFormed(String user, String password) {
        return user != null && password != null && TOKEN.matcher(user).matches()
                && TOKEN.matcher(password).matches() && password.length() >= MIN_PASSWORD_CHARS;
    }

    @Override
    public String toString() {
        return "JmxCredentials[user=" + user + ", password=(hidden)]";
    }
}
