package dev.aistudio.chat.provider;

/** One message of the context sent upstream: {@code system}, {@code user} or {@code assistant}. */
public record ChatTurn(String role, String content) {
}
