package autotrader.schwab;

import java.time.Instant;

/**
 * The OAuth tokens and their deadlines. The refresh token lives 7 days from the code exchange and
 * refreshing does not extend it, so its deadline is kept from the login on.
 */
public record Tokens(String accessToken, String refreshToken, Instant accessExpiresAt, Instant refreshExpiresAt, Instant loggedInAt) {

    @Override
    public String toString() {   // never print the tokens themselves
        return "Tokens[access expires " + accessExpiresAt + ", refresh expires " + refreshExpiresAt + "]";
    }
}
