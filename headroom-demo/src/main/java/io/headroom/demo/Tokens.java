package io.headroom.demo;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The fixed user list (user1..user{@value #USER_COUNT}, password {@value #PASSWORD}) and stateless session
 * tokens {@code user.nonce.mac}: verifying one needs no table, so a long login-heavy test cannot make the
 * demo's memory grow. Not a security mechanism, only enough to make a client carry a token. Thread-safe.
 */
final class Tokens {
    static final int USER_COUNT = 100;
    static final String PASSWORD = "secret";

    private final long secret;
    private final AtomicLong nonces = new AtomicLong();

    Tokens(long seed) {
        this.secret = CounterRandom.mix64(seed ^ 0x5EC12E7L);
    }

    /** True for user1..user100 with the right password. */
    static boolean validCredentials(String user, String password) {
        return isKnownUser(user) && PASSWORD.equals(password);
    }

    static boolean isKnownUser(String user) {
        if (user == null || !user.startsWith("user") || user.length() > 7 || user.length() < 5) return false;
        String digits = user.substring(4);
        if (digits.charAt(0) == '0') return false;
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) return false;
        }
        int n = Integer.parseInt(digits);
        return n >= 1 && n <= USER_COUNT;
    }

    String issue(String user) {
        long nonce = nonces.incrementAndGet();
        return user + "." + Long.toHexString(nonce) + "." + Long.toHexString(mac(user, nonce));
    }

    /** The user a token was issued to, or null when the token is not one of ours. */
    String verify(String token) {
        if (token == null) return null;
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        if (first <= 0 || second < 0 || token.indexOf('.', second + 1) >= 0) return null;
        String user = token.substring(0, first);
        try {
            long nonce = Long.parseUnsignedLong(token.substring(first + 1, second), 16);
            long mac = Long.parseUnsignedLong(token.substring(second + 1), 16);
            return isKnownUser(user) && mac == mac(user, nonce) ? user : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private long mac(String user, long nonce) {
        return CounterRandom.mix64(secret ^ CounterRandom.mix64(user.hashCode() + 31 * nonce));
    }
}
