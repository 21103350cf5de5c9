package autotrader.rules;

import java.time.Instant;

/**
 * What the trader should see about the rules: the version in force and, when the latest edit was
 * refused, the problems ({@code file:line: message}, one per line). The refusal stays until an edit
 * that compiles lands (or the files go back to the running version), so a broken edit is never hidden
 * behind the old version shown as "ok".
 *
 * @param version label (short hash) of the rules in force
 * @param at      when this state was reached (load, reload or refusal)
 * @param refused the problems of the refused edit, or null when the files on disk are the rules in force
 */
public record RulesState(String version, Instant at, String refused) {

    public boolean isRefused() {
        return refused != null;
    }

    /** One line for `status` and Telegram: {@code 498b83236df6} or {@code REFUSED: file:line: msg; still running 498b83236df6}. */
    public String line() {
        if (!isRefused()) return version + " in force since " + at;
        return "REFUSED: " + refused.replace("\n", "; ") + " (edit at " + at + "; still running " + version + ")";
    }
}
