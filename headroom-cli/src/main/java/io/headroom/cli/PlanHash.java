package io.headroom.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A plan's identity for the results index and {@code compare}: the first 16 hex digits of the SHA-256 of the plan
 * file's bytes, before {@code ${ENV:...}} is substituted (so one plan run against two hosts is one plan).
 */
final class PlanHash {
    /** Hex digits kept: 64 bits, far from a collision among the plans of one folder. */
    static final int HEX_DIGITS = 16;

    private PlanHash() {}

    /** The hash of {@code file}'s content, or null when it cannot be read (the plan loader reports that). */
    static String of(Path file) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
        } catch (IOException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
