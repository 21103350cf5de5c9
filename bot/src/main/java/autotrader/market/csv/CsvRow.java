package autotrader.market.csv;

/**
 * One row's fields, each trimmed, as {@link CsvTable#nextRow} gives them; valid until the next row
 * is read. The number and time accessors parse a field without making a String of it where the
 * field's text allows (the rows of a quote-free ASCII file are read straight from its bytes): a
 * String per field was a fifth of a cold cycle's samples on recorded bars.
 */
interface CsvRow {

    int size();

    /** The field as text (for symbols and messages). */
    String text(int i);

    boolean isEmpty(int i);

    /** {@link OhlcvColumns#parseDecimal} of the field. @throws NumberFormatException as {@link Double#parseDouble} */
    double decimal(int i);

    /** {@link LocalTimes#localSeconds} of the field. @throws RuntimeException when it does not parse */
    long localSeconds(int i);

    /** {@link LocalTimes#epochDay} of the field. @throws RuntimeException when it does not parse */
    long epochDay(int i);

    /** Whether the field's text equals {@code s} (a repeated symbol need not become a new String each row). */
    boolean textIs(int i, String s);

    /** The row of a parser that gives Strings (Commons CSV's, for a file with quotes). */
    static CsvRow of(String[] fields) {
        return new CsvRow() {
            public int size() {
                return fields.length;
            }

            public String text(int i) {
                return fields[i];
            }

            public boolean isEmpty(int i) {
                return fields[i].isEmpty();
            }

            public double decimal(int i) {
                return OhlcvColumns.parseDecimal(fields[i]);
            }

            public long localSeconds(int i) {
                return LocalTimes.localSeconds(fields[i]);
            }

            public long epochDay(int i) {
                return LocalTimes.epochDay(fields[i]);
            }

            public boolean textIs(int i, String s) {
                return fields[i].equals(s);
            }
        };
    }
}
