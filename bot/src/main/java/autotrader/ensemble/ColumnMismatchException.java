package autotrader.ensemble;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Thrown when a model trained on one column list is given inputs with another. Models read inputs by
 * position, so even a reordering would silently feed the wrong values; the message names the differences.
 */
public class ColumnMismatchException extends IllegalArgumentException {

    private static final int SHOWN = 10;

    public ColumnMismatchException(String message) {
        super(message);
    }

    /** Throws unless {@code actual} equals {@code expected}, element by element. */
    public static void require(List<String> expected, List<String> actual) {
        if (expected.equals(actual)) return;
        Set<String> have = new HashSet<>(actual);
        Set<String> want = new HashSet<>(expected);
        List<String> missing = new ArrayList<>();
        for (String c : expected) if (!have.contains(c)) missing.add(c);
        List<String> unexpected = new ArrayList<>();
        for (String c : actual) if (!want.contains(c)) unexpected.add(c);
        StringBuilder m = new StringBuilder("column mismatch: the model was trained on " + expected.size()
                + " columns, the input has " + actual.size());
        if (!missing.isEmpty()) m.append("; missing ").append(missing.size()).append(": ").append(head(missing));
        if (!unexpected.isEmpty()) m.append("; unexpected ").append(unexpected.size()).append(": ").append(head(unexpected));
        if (missing.isEmpty() && unexpected.isEmpty()) {
            for (int i = 0; i < expected.size(); i++) {
                if (!expected.get(i).equals(actual.get(i))) {
                    m.append("; same names in another order: position ").append(i).append(" is '").append(actual.get(i))
                            .append("', the model expects '").append(expected.get(i)).append("'");
                    break;
                }
            }
            if (expected.size() != actual.size()) m.append("; duplicated names in the input");
        }
        throw new ColumnMismatchException(m.toString());
    }

    private static String head(List<String> names) {
        return names.size() <= SHOWN ? names.toString()
                : names.subList(0, SHOWN) + " and " + (names.size() - SHOWN) + " more";
    }
}
