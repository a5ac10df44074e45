package dev.aistudio.user.account;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.aistudio.problem.Problems;

/**
 * NIST SP 800-63B rules: 8 to 128 characters (counted as code points, any Unicode allowed, no composition rules),
 * not one of the most common passwords, not built from the username, not one character repeated.
 */
@ApplicationScoped
public class PasswordPolicy {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 128;

    private final Set<String> common = load("/common-passwords.txt");

    public void check(String password, String username) {
        check(password, username, "password");
    }

    /** The same rules for a password sent under another field name ({@code newPassword} when changing it). */
    public void check(String password, String username, String field) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw Problems.invalidField(field, "invalid_password_length",
                    "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        String folded = password.toLowerCase(Locale.ROOT);
        if (common.contains(folded)) {
            throw Problems.invalidField(field, "password_too_common",
                    "is one of the most commonly used passwords; choose another");
        }
        if (folded.contains(username)) {
            throw Problems.invalidField(field, "password_contains_username", "must not contain the username");
        }
        if (password.codePoints().distinct().count() == 1) {
            throw Problems.invalidField(field, "password_too_simple", "must not be one character repeated");
        }
    }

    private static Set<String> load(String resource) {
        Set<String> words = new HashSet<>();
        try (var in = PasswordPolicy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build");
            }
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .forEach(words::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
