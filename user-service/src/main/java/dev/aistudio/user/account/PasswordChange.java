package dev.aistudio.user.account;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of a password change: the current password, to confirm, and the new one ({@link PasswordPolicy} applies). */
public record PasswordChange(
        @NotNull(message = "is required") @Size(max = 1024, message = "is too long") String currentPassword,
        @NotNull(message = "is required") @Size(max = 1024, message = "is too long") String newPassword) {
}
