package dev.aistudio.user.account;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.aistudio.problem.Problems;

/** Usernames are 3-32 characters of ASCII letters, digits, '.', '_' or '-', compared without case. */
@ApplicationScoped
public class UsernamePolicy {

    private static final Pattern ALLOWED = Pattern.compile("[a-z0-9][a-z0-9._-]{2,31}");

    /** The canonical (lower-case) form, or a 400 problem naming the field. */
    public String canonical(String username) {
        String value = normalize(username);
        if (!ALLOWED.matcher(value).matches()) {
            throw Problems.invalidField("username", "invalid_username",
                    "must be 3 to 32 characters: letters a-z, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return value;
    }

    /** The form a login is looked up by: the same folding as registration, without the rules. */
    public String normalize(String username) {
        return Normalizer.normalize(username.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }
}
