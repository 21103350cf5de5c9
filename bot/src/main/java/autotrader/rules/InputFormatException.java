package autotrader.rules;

/** A decision or account file that cannot be used; the message names the file and the field. */
public class InputFormatException extends RuntimeException {
    public InputFormatException(String message) {
        super(message);
    }
}
