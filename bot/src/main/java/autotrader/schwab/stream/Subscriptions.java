package autotrader.schwab.stream;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The keys wanted on one service, at most {@link #MAX_KEYS} (Schwab's limit per service). Changing
 * the set gives the ADD and UNSUBS that turn the set the server has into the wanted one, so a new scan
 * never needs a reconnect.
 */
final class Subscriptions {

    static final int MAX_KEYS = 500;

    private final String service;
    private final String fields;
    /** Keys that are always wanted (the benchmarks), first in line for the 500. */
    private final List<String> fixed;
    private Set<String> wanted;
    /** What the server has on the current connection; empty when not logged in. */
    private Set<String> sent = new LinkedHashSet<>();

    Subscriptions(String service, String fields, List<String> fixed) {
        this.service = service;
        this.fields = fields;
        this.fixed = fixed.stream().map(String::trim).distinct().toList();   // as given: "Account Activity" is case-sensitive
        this.wanted = cap(this.fixed, List.of());
    }

    String service() {
        return service;
    }

    String fields() {
        return fields;
    }

    /** The fixed keys plus these, capped at 500 (fixed keys first, then in the order given). */
    synchronized void want(List<String> keys) {
        wanted = cap(fixed, keys);
    }

    synchronized Set<String> wanted() {
        return Set.copyOf(wanted);
    }

    synchronized Set<String> active() {
        return Set.copyOf(sent);
    }

    /** A new connection: nothing is subscribed there yet. */
    synchronized void reset() {
        sent = new LinkedHashSet<>();
    }

    /** The commands to send now, in order, each with its keys; marks them as sent. */
    synchronized List<Change> changes() {
        List<Change> out = new ArrayList<>();
        if (sent.isEmpty()) {
            if (!wanted.isEmpty()) out.add(new Change("SUBS", List.copyOf(wanted)));
        } else {
            List<String> gone = sent.stream().filter(k -> !wanted.contains(k)).toList();
            List<String> added = wanted.stream().filter(k -> !sent.contains(k)).toList();
            if (!gone.isEmpty()) out.add(new Change("UNSUBS", gone));   // first, so the set never passes 500
            if (!added.isEmpty()) out.add(new Change("ADD", added));
        }
        sent = new LinkedHashSet<>(wanted);
        return out;
    }

    record Change(String command, List<String> keys) {
    }

    private static Set<String> cap(List<String> fixed, List<String> keys) {
        Set<String> s = new LinkedHashSet<>(fixed);   // symbols upper-cased; the fixed keys were kept as given
        for (String k : keys) {
            if (s.size() >= MAX_KEYS) break;
            if (k != null && !k.isBlank()) s.add(norm(k));
        }
        return s;
    }

    private static String norm(String k) {
        return k.trim().toUpperCase(Locale.ROOT);
    }
}
