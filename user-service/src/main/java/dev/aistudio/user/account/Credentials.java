package dev.aistudio.user.account;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Username and password, as sent to register, login and token. Only presence and a generous size are checked here;
 * registration applies the real rules ({@link UsernamePolicy}, {@link PasswordPolicy}).
 */
public record Credentials(
        @NotNull(message = "is required") @Size(max = 200, message = "is too long") String username,
        @NotNull(message = "is required") @Size(max = 1024, message = "is too long") String password) {
}
